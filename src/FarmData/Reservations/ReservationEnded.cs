namespace IceFarm.FarmData.Reservations;

/// <summary>The reservation ended and released all its boards; <see cref="Detail"/> says more when there is more to say.</summary>
internal sealed record ReservationEnded(Guid ReservationId, ReservationEndReason Reason, string EndedBy, DateTimeOffset At, string? Detail = null);
