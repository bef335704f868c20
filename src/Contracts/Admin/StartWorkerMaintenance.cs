namespace IceFarm.Contracts.Admin;

/// <summary>
/// An operator takes a worker out of service for repairs: it takes no new reservations until
/// <see cref="ReturnWorkerToService"/>, also across restarts of the worker, and its current leases are drained by
/// <paramref name="Deadline"/>.
/// </summary>
/// <param name="Worker">The worker.</param>
/// <param name="Deadline">When leases still on it are force-ended (the drain's deadline).</param>
/// <param name="Admin">Who asked, recorded in the events.</param>
/// <param name="Reason">Why, in the operator's words; null when none was given.</param>
public sealed record StartWorkerMaintenance(string Worker, DateTimeOffset Deadline, string Admin, string? Reason) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
