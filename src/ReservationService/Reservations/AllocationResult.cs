namespace IceFarm.ReservationService.Reservations;

/// <summary>Either the granted reservation or why nothing was granted.</summary>
internal sealed record AllocationResult(ReservationView? Reservation, string? Refusal)
{
    public static AllocationResult Granted(ReservationView reservation) => new(reservation, null);

    public static AllocationResult Refused(string reason) => new(null, reason);
}
