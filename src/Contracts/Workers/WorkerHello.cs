namespace IceFarm.Contracts.Workers;

/// <summary>
/// A worker process announces itself at start-up and asks which reservations hold its boards (answered with
/// <see cref="WorkerAssignments"/>). A worker that restarted (a crash, a rescheduled pod) thereby keeps its
/// reservations: the service is the authority on who holds a board, not the worker's memory.
/// </summary>
/// <param name="Worker">The worker's unique name.</param>
/// <param name="InstanceId">This process's identity; a new one on every start.</param>
/// <param name="SentAt">The worker's clock when it asked.</param>
public sealed record WorkerHello(string Worker, Guid InstanceId, DateTimeOffset SentAt) : IMessage, IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
