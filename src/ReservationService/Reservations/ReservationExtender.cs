using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Extends a lease as <see cref="ReservationDecisions.Extend"/> rules, capped at <see cref="LeaseOptions.MaxTotal"/> after
/// the grant.
/// </summary>
internal sealed class ReservationExtender(ReservationHandler reservations, TimeProvider time, IOptions<LeaseOptions> leases)
{
    /// <returns>The expiry after the call, or null when the reservation has ended.</returns>
    public async Task<DateTimeOffset?> ExtendAsync(ReservationView reservation, TimeSpan duration, string by, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var change = await reservations.HandleAsync(
            reservation.Id, r => ReservationDecisions.Extend(r, duration, leases.Value.MaxTotal, by, now), ct);
        return change.Outcome;
    }
}
