namespace IceFarm.Contracts.Devices;

/// <summary>
/// A worker ran a board's periodic health check between reservations (its served firmware must boot and answer, then
/// the default firmware): the service counts consecutive failures and holds a board that fails too often.
/// </summary>
/// <param name="Worker">Name of the worker that owns the board.</param>
/// <param name="Serial">The board's USB serial.</param>
/// <param name="Passed">Whether the board passed.</param>
/// <param name="Reason">Why it was checked and, on failure, what failed.</param>
/// <param name="At">When the check ended.</param>
public sealed record DeviceHealthChecked(string Worker, string Serial, bool Passed, string Reason, DateTimeOffset At) : IMessage, Workers.IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
