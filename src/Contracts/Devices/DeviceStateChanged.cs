namespace IceFarm.Contracts.Devices;

/// <summary>A worker's board changed state; the reason says why in words an operator understands.</summary>
/// <param name="Worker">Name of the worker that owns the board.</param>
/// <param name="Serial">The board's USB serial.</param>
/// <param name="State">The new state.</param>
/// <param name="Health">The board's health after the change.</param>
/// <param name="Reason">Why the board changed state.</param>
/// <param name="ReservationId">The reservation involved, if any.</param>
/// <param name="At">When the worker saw the change.</param>
public sealed record DeviceStateChanged(
    string Worker,
    string Serial,
    DeviceState State,
    DeviceHealth Health,
    string Reason,
    Guid? ReservationId,
    DateTimeOffset At) : IMessage, Workers.IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;

    /// <summary>
    /// Set when the change reports a refused or failed command rather than a move: whose fault it was
    /// (<see cref="Evaluations.FailureCategory.User"/> for an unknown kind or bad kind arguments).
    /// </summary>
    public Evaluations.FailureCategory? Failure { get; init; }
}
