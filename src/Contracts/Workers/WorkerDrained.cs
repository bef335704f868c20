namespace IceFarm.Contracts.Workers;

/// <summary>No reservation holds a board of the worker any more: it may release its boards and exit.</summary>
/// <param name="Worker">The drained worker.</param>
/// <param name="At">When the drain finished.</param>
public sealed record WorkerDrained(string Worker, DateTimeOffset At) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
