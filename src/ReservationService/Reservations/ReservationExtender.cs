using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Hosting;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Extends a lease to <c>now + duration</c>, capped at <see cref="LeaseOptions.MaxTotal"/> after the grant, and never
/// shortens it: an extension that would end earlier than the current expiry changes nothing.
/// </summary>
internal sealed class ReservationExtender(IDocumentStore store, TimeProvider time, IOptions<LeaseOptions> leases)
{
    /// <returns>The expiry after the call, or null when the reservation has ended.</returns>
    public async Task<DateTimeOffset?> ExtendAsync(ReservationView reservation, TimeSpan duration, string by, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await StreamConflicts.RetryAsync(() => TryExtendAsync(reservation, duration, by, now, ct));
    }

    private async Task<DateTimeOffset?> TryExtendAsync(ReservationView reservation, TimeSpan duration, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<ReservationView>(reservation.Id, ct);
        if (stream.Aggregate is not { Active: true } current)
        {
            return null;
        }

        var cap = current.GrantedAt + leases.Value.MaxTotal;
        var wanted = now + duration < cap ? now + duration : cap;
        if (wanted <= current.ExpiresAt)
        {
            return current.ExpiresAt;
        }

        stream.AppendOne(new ReservationExtended(current.ReservationId, wanted, by, now));
        foreach (var device in current.Devices.Where(d => d.State != ReservationDeviceState.Released))
        {
            session.Events.Append(StreamIds.Device(device.Serial), new DeviceLeaseExtended(device.Serial, current.ReservationId, wanted, now));
        }

        await session.SaveChangesAsync(ct);
        return wanted;
    }
}
