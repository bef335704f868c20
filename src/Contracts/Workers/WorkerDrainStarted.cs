namespace IceFarm.Contracts.Workers;

/// <summary>
/// The ReservationService began draining a worker: no new reservations land on it, and leases still on it end by
/// <paramref name="Deadline"/>. Published again, with the new deadline, when a later drain request brings it forward.
/// </summary>
/// <param name="Worker">The worker being drained.</param>
/// <param name="Deadline">When leases still holding its boards are force-ended.</param>
/// <param name="RequestedBy">Who asked (an admin, or the worker itself on SIGTERM).</param>
/// <param name="At">When the drain started (or its deadline moved).</param>
public sealed record WorkerDrainStarted(string Worker, DateTimeOffset Deadline, string RequestedBy, DateTimeOffset At) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
