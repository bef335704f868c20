namespace IceFarm.Contracts.Workers;

/// <summary>
/// A worker is stopping (its pod got SIGTERM) and asks to be drained by <paramref name="Deadline"/>. Published by the
/// worker itself; the service turns it into a <see cref="DrainWorker"/> requested by the worker. A worker may only ask
/// this for itself, so it never sends <see cref="DrainWorker"/>, which operators' actions also send.
/// </summary>
/// <param name="Worker">The stopping worker.</param>
/// <param name="Deadline">When its remaining leases may be force-ended.</param>
/// <param name="At">The worker's clock when it asked.</param>
public sealed record WorkerStopping(string Worker, DateTimeOffset Deadline, DateTimeOffset At) : IMessage, IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
