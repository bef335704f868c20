using Marten;

namespace IceFarm.FarmData.Reservations;

/// <summary>Reads of the keepalive documents (<see cref="LeaseKeepAlive"/>) beside the reservations they renew.</summary>
internal static class KeepAlives
{
    /// <summary>The keepalive documents of those of <paramref name="reservations"/> that have one, by stream id.</summary>
    public static async Task<IReadOnlyDictionary<string, LeaseKeepAlive>> LoadAsync(
        IQuerySession session, IEnumerable<ReservationView> reservations, CancellationToken ct)
    {
        var ids = reservations.Where(r => r.KeepAlive is not null).Select(r => r.Id).ToArray();
        return ids.Length == 0
            ? new Dictionary<string, LeaseKeepAlive>()
            : (await session.LoadManyAsync<LeaseKeepAlive>(ct, ids)).ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    /// <summary>The last renewal; the grant counts as the first (a just-granted view has no document loaded yet).</summary>
    public static DateTimeOffset? RenewedAt(ReservationView view, LeaseKeepAlive? keepAlive) =>
        keepAlive?.RenewedAt ?? (view.KeepAlive is not null && view.Active ? view.GrantedAt : null);
}
