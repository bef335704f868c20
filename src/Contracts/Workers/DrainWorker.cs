namespace IceFarm.Contracts.Workers;

/// <summary>Starts the drain saga for a worker: no new reservations, clients told, leases end by the deadline.</summary>
/// <param name="Worker">The worker to drain.</param>
/// <param name="Deadline">When remaining leases on it are force-ended.</param>
/// <param name="RequestedBy">Who asked (an admin, or the worker itself on SIGTERM).</param>
public sealed record DrainWorker(string Worker, DateTimeOffset Deadline, string RequestedBy) : IMessage
{
    /// <summary>The <see cref="RequestedBy"/> of a worker's own drain (its pod is stopping).</summary>
    public const string ByTheWorker = "worker";

    /// <summary>When the drain was asked for, by the sender's clock (null from older senders): a return to service after it overrules an operator's drain.</summary>
    public DateTimeOffset? RequestedAt { get; init; }

    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
