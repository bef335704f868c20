namespace IceFarm.FarmData.Reservations;

/// <summary>A board of the reservation runs the reservation's firmware and waits for bitstreams.</summary>
internal sealed record ReservationDeviceReady(Guid ReservationId, string Serial, DateTimeOffset At);
