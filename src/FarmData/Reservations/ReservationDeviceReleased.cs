namespace IceFarm.FarmData.Reservations;

/// <summary>One board left the reservation before the rest (released by the client or an admin, or failed).</summary>
internal sealed record ReservationDeviceReleased(Guid ReservationId, string Serial, string Reason, string By, DateTimeOffset At);
