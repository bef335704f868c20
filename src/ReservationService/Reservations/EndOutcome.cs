namespace IceFarm.ReservationService.Reservations;

/// <summary>What asking to end a reservation did.</summary>
internal enum EndOutcome
{
    Ended,
    NotFound,
    NotOwner,
    AlreadyEnded,
}
