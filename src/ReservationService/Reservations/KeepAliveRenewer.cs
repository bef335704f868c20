using IceFarm.FarmData.Reservations;
using Marten;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Records a keepalive renewal: one upsert of the reservation's <see cref="LeaseKeepAlive"/> document, no event. Only the
/// lease monitor ends a reservation, so a renewal never needs the reservation stream's lock.
/// </summary>
internal sealed class KeepAliveRenewer(IDocumentStore store, TimeProvider time)
{
    public async Task<LeaseKeepAlive> RenewAsync(ReservationView reservation, CancellationToken ct)
    {
        var renewal = LeaseKeepAlive.Renewed(reservation.Id, reservation.ReservationId, reservation.KeepAlive!.Value, time.GetUtcNow());
        await using var session = store.LightweightSession();
        // Racing an end, this may store a document for a reservation that just ended; the lease monitor removes it once lapsed.
        session.Store(renewal);
        await session.SaveChangesAsync(ct);
        return renewal;
    }
}
