using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Either the granted reservation or why nothing was granted.</summary>
internal sealed record AllocationResult(ReservationView? Reservation, string? Refusal)
{
    /// <summary>Boards may be free, but a request that has waited long enough is ahead in the line (<see cref="QueuePolicy"/>).</summary>
    public bool BehindTheLine { get; init; }

    public static AllocationResult Behind(string reason) => new(null, reason) { BehindTheLine = true };

    /// <summary>The quota the request would exceed (its name, as in <c>quota-exceeded</c>), or null.</summary>
    public string? Quota { get; init; }

    public static AllocationResult OverQuota(string quota, string detail) => new(null, detail) { Quota = quota };

    public static AllocationResult Granted(ReservationView reservation) => new(reservation, null);

    public static AllocationResult Refused(string reason) => new(null, reason);
}
