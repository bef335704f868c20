namespace IceFarm.FarmData.Reservations;

/// <summary>The lease was extended by a client or an admin; <see cref="ExpiresAt"/> is the new end.</summary>
internal sealed record ReservationExtended(Guid ReservationId, DateTimeOffset ExpiresAt, string By, DateTimeOffset At);
