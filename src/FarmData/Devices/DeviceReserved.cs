namespace IceFarm.FarmData.Devices;

/// <summary>The board was granted to a reservation.</summary>
internal sealed record DeviceReserved(string Serial, Guid ReservationId, string ClientId, string Kind, DateTimeOffset ExpiresAt, DateTimeOffset At);
