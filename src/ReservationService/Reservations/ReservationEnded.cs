namespace IceFarm.ReservationService.Reservations;

/// <summary>The reservation ended and released all its boards.</summary>
internal sealed record ReservationEnded(Guid ReservationId, ReservationEndReason Reason, string EndedBy, DateTimeOffset At);
