namespace IceFarm.FarmData.Devices;

/// <summary>
/// The board left its reservation; the reason says why (ended by client, expired, …). No longer appended, as
/// <see cref="DeviceReserved"/>.
/// </summary>
internal sealed record DeviceReleased(string Serial, Guid ReservationId, string Reason, DateTimeOffset At);
