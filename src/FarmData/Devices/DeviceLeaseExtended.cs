namespace IceFarm.FarmData.Devices;

/// <summary>The reservation holding the board was extended. No longer appended, as <see cref="DeviceReserved"/>.</summary>
internal sealed record DeviceLeaseExtended(string Serial, Guid ReservationId, DateTimeOffset ExpiresAt, DateTimeOffset At);
