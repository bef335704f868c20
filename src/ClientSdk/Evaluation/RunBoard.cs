namespace IceFarm.Client.Evaluation;

/// <summary>One board as an evaluation run sees it: its own queue (every-board mode), what is in flight, and its deadline clock.</summary>
internal sealed class RunBoard(string serial, DeviceState state, DateTimeOffset now)
{
    public string Serial { get; } = serial;

    public DeviceState State { get; set; } = state;

    /// <summary>Bitstream indices still to send to this board (every-board mode only).</summary>
    public Queue<int> Queue { get; set; } = new();

    public int InFlight { get; set; }

    /// <summary>Last result, readiness, or first submission to an idle board: the result deadline counts from here.</summary>
    public DateTimeOffset LastProgress { get; set; } = now;

    /// <summary>When the board entered its current state (preparation and reboot deadlines count from here).</summary>
    public DateTimeOffset Since { get; set; } = now;

    public bool Usable => State is DeviceState.Ready or DeviceState.Preparing;
}
