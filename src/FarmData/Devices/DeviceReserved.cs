namespace IceFarm.FarmData.Devices;

/// <summary>
/// The board was granted to a reservation. No longer appended to device streams (the holder is a projection of the
/// reservation events, <see cref="Reservations.BoardHolder"/>): older streams hold it, and the AdminApi derives it for a
/// board's history from the reservation that took the board.
/// </summary>
internal sealed record DeviceReserved(string Serial, Guid ReservationId, string ClientId, string Kind, DateTimeOffset ExpiresAt, DateTimeOffset At);
