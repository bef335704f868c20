namespace IceFarm.Contracts.Devices;

/// <summary>Command to a worker: a reservation no longer holds this board; return it to the default firmware.</summary>
/// <param name="ReservationId">The reservation that ended or let the board go.</param>
/// <param name="Serial">The board.</param>
/// <param name="Reason">Why it was released.</param>
public sealed record ReleaseDevice(Guid ReservationId, string Serial, string Reason) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
