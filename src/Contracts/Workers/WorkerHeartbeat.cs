using IceFarm.Contracts.Devices;

namespace IceFarm.Contracts.Workers;

/// <summary>A worker's periodic sign of life. Not stored as an event: it only moves liveness and reconciles.</summary>
/// <param name="Worker">The worker's unique name (its queue is <c>worker-{name}</c>).</param>
/// <param name="Version">The worker's software version.</param>
/// <param name="Kinds">Reservation kinds whose firmware the worker can load.</param>
/// <param name="Devices">Every board the worker owns, with its state.</param>
/// <param name="Draining">True while the worker refuses new reservations.</param>
/// <param name="SentAt">The worker's clock when it took this heartbeat, before reading its boards: a board's state change stamped later is newer than what it says of that board.</param>
public sealed record WorkerHeartbeat(
    string Worker,
    string Version,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<DeviceSummary> Devices,
    bool Draining,
    DateTimeOffset SentAt) : IMessage, IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Where the worker runs (host name), for operators.</summary>
    public string? Host { get; init; }

    /// <summary>The sending process's identity (a new one on every start; see <see cref="WorkerHello"/>); null from older workers.</summary>
    public Guid? InstanceId { get; init; }
}
