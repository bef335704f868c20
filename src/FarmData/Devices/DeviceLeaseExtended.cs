namespace IceFarm.FarmData.Devices;

/// <summary>The reservation holding the board was extended; keeps the device view's expiry current.</summary>
internal sealed record DeviceLeaseExtended(string Serial, Guid ReservationId, DateTimeOffset ExpiresAt, DateTimeOffset At);
