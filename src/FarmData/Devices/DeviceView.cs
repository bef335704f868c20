using IceFarm.Contracts.Devices;

namespace IceFarm.FarmData.Devices;

/// <summary>
/// A board as its worker and the farm's operators left it; id is the stream id <c>device-{serial}</c>. Which reservation
/// holds it is not a fact of the board's stream: see <see cref="Reservations.BoardHolder"/>.
/// </summary>
internal sealed class DeviceView
{
    public string Id { get; set; } = "";
    public string Serial { get; set; } = "";
    public string Worker { get; set; } = "";
    public DeviceState State { get; set; }
    /// <summary>What operators see: the hold's health while one is set, otherwise <see cref="WorkerHealth"/>.</summary>
    public DeviceHealth Health { get; set; }

    /// <summary>Health as the worker last reported it.</summary>
    public DeviceHealth WorkerHealth { get; set; }

    /// <summary>Why the farm keeps the board out of allocation, whatever the worker says; null when it may be allocated.</summary>
    public DeviceHold? Hold { get; set; }
    public string? HeldBy { get; set; }
    public string? HoldReason { get; set; }
    public DateTimeOffset? HeldSince { get; set; }

    /// <summary>Health checks failed in a row since the last pass or return to service.</summary>
    public int FailedHealthChecks { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the worker last reported the board, on the worker's clock (<see cref="DeviceStateRecorded.ReportedAt"/>).</summary>
    public DateTimeOffset? ReportedAt { get; set; }

    /// <summary>Idle on its worker and not held out by the farm: free when, besides, no reservation holds it.</summary>
    public bool IsAvailable => State == DeviceState.Available && Hold is null;
}
