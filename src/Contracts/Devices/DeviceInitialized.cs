namespace IceFarm.Contracts.Devices;

/// <summary>A board finished preparing for a reservation and waits for bitstreams.</summary>
/// <param name="ReservationId">The reservation served.</param>
/// <param name="ClientId">The client holding it.</param>
/// <param name="Worker">The worker that owns the board.</param>
/// <param name="Serial">The board.</param>
/// <param name="At">When the board became ready.</param>
public sealed record DeviceInitialized(
    Guid ReservationId,
    string ClientId,
    string Worker,
    string Serial,
    DateTimeOffset At) : IMessage, Workers.IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
