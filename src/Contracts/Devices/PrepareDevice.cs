namespace IceFarm.Contracts.Devices;

/// <summary>Command to a worker: flash a granted board with the firmware of the reservation's kind.</summary>
/// <param name="ReservationId">The reservation the board was granted to.</param>
/// <param name="ClientId">The client holding the reservation; echoed back so results route without a lookup.</param>
/// <param name="Serial">The board.</param>
/// <param name="Kind">Firmware kind, such as <c>pulsecount</c> or <c>variance</c>.</param>
/// <param name="Args">Kind-specific arguments.</param>
public sealed record PrepareDevice(
    Guid ReservationId,
    string ClientId,
    string Serial,
    string Kind,
    IReadOnlyDictionary<string, string> Args) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
