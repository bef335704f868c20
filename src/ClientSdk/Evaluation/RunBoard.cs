namespace IceFarm.Client.Evaluation;

/// <summary>One board as an evaluation run sees it: its own queue (every-board mode), what is in flight, and its deadline clock.</summary>
internal sealed class RunBoard(string serial, DeviceState state, DateTimeOffset now)
{
    public string Serial { get; } = serial;

    public DeviceState State { get; set; } = state;

    /// <summary>Bitstream indices still to send to this board (every-board mode only).</summary>
    public Queue<int> Queue { get; set; } = new();

    public int InFlight { get; set; }

    /// <summary>An upload to this board is on its way: the board gets no other until the farm answers it.</summary>
    public bool Uploading { get; set; }

    /// <summary>Last result, readiness, or first submission to an idle board: the result deadline counts from here.</summary>
    public DateTimeOffset LastProgress { get; set; } = now;

    /// <summary>
    /// Reboots since the board last answered an evaluation. A board that is ready again after a reboot but still answers
    /// nothing has lost what it held (a worker that crashed with them): it is given up instead of rebooted forever.
    /// </summary>
    public int RebootsWithoutResult { get; set; }

    /// <summary>When the board entered its current state (preparation and reboot deadlines count from here).</summary>
    public DateTimeOffset Since { get; set; } = now;

    /// <summary>
    /// Why the board is out of the run; null while it is in. Kept so that an upload still on its way when the board
    /// was lost (or the lease ended) fails with the same reason when its answer comes back.
    /// </summary>
    public EvaluationFailed? Lost { get; set; }

    public bool Usable => Lost is null && State is DeviceState.Ready or DeviceState.Preparing;
}
