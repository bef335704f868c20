using IceFarm.Contracts.Admin;

namespace IceFarm.Contracts.Http;

/// <summary>A worker as the admin API shows it.</summary>
/// <param name="Name">Worker name.</param>
/// <param name="Host">Where it runs.</param>
/// <param name="Version">Its software version.</param>
/// <param name="Kinds">Reservation kinds it serves.</param>
/// <param name="Online">Whether its heartbeats arrive.</param>
/// <param name="Draining">Whether it is draining (or drained and not yet started again).</param>
/// <param name="LastHeartbeat">When its last heartbeat arrived.</param>
/// <param name="DevicesByState">Number of its boards in each state.</param>
public sealed record WorkerInfo(
    string Name,
    string? Host,
    string Version,
    IReadOnlyList<string> Kinds,
    bool Online,
    bool Draining,
    DateTimeOffset? LastHeartbeat,
    IReadOnlyDictionary<string, int> DevicesByState)
{
    /// <summary>Set while an operator keeps the worker out of service (it takes no reservations, also after a restart); null otherwise.</summary>
    public WorkerMaintenanceInfo? Maintenance { get; init; }
}
