namespace IceFarm.FarmData.Reservations;

/// <summary>The client was told the lease ends at <see cref="ExpiresAt"/>; recorded so it is told once per expiry.</summary>
internal sealed record ReservationEndingSoonWarned(Guid ReservationId, DateTimeOffset ExpiresAt, DateTimeOffset At);
