namespace IceFarm.FarmData.Reservations;

/// <summary>
/// A ready board of the reservation is being rebooted (its firmware reflashed, its queue kept): it is preparing again
/// until the worker reports it initialised, and the client then gets <c>device-ready</c> again.
/// </summary>
internal sealed record ReservationDeviceRebooting(Guid ReservationId, string Serial, string By, DateTimeOffset At);
