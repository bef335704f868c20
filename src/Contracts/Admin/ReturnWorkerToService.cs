namespace IceFarm.Contracts.Admin;

/// <summary>
/// An operator ends a worker's maintenance: it takes reservations again at once. A drain still running on it is
/// cancelled (its leases stay), and a finished drain no longer keeps it out.
/// </summary>
/// <param name="Worker">The worker.</param>
/// <param name="Admin">Who asked, recorded in the events.</param>
public sealed record ReturnWorkerToService(string Worker, string Admin) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
