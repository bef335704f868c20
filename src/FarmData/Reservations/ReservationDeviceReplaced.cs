namespace IceFarm.FarmData.Reservations;

/// <summary>A healthy board joined the reservation in place of <paramref name="FailedSerial"/>, which failed (<paramref name="Reason"/>).</summary>
internal sealed record ReservationDeviceReplaced(Guid ReservationId, string FailedSerial, GrantedDevice Replacement, string Reason, DateTimeOffset At);
