using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using Marten;

namespace IceFarm.AdminApi.History;

/// <summary>
/// A board's history: its event stream, with its part in the reservations that held it (<see cref="BoardReservations"/>),
/// newest first (ARCHITECTURE.md §5).
/// </summary>
internal sealed class DeviceHistoryReader(IDocumentStore store)
{
    /// <summary>The newest <paramref name="limit"/> entries, or null when the board has no stream.</summary>
    public async Task<DeviceHistoryEntry[]?> ReadAsync(string serial, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamIds.Device(serial), token: ct);
        if (events.Count == 0)
        {
            return null;
        }

        // A board is held by one reservation at a time and each gives it at least one entry, so the newest `limit`
        // reservations hold every reservation entry among the newest `limit`.
        var reservations = await session.Query<ReservationView>()
            .Where(r => r.Devices.Any(d => d.Serial == serial))
            .OrderByDescending(r => r.GrantedAt)
            .Take(limit)
            .Select(r => r.Id)
            .ToListAsync(ct);
        var batch = session.CreateBatchQuery();
        var streams = reservations.Select(id => batch.Events.FetchStream(id)).ToList();
        await batch.Execute(ct);

        // Streams written before device streams stopped repeating their holders tell some of those entries already.
        var copied = events.Select(e => CopyKey(e.Data)).OfType<(string, Guid, DateTimeOffset)>().ToHashSet();
        var entries = events.Select(e => new HistoryItem(e.Sequence, e.Timestamp, e.Data)).ToList();
        foreach (var stream in streams)
        {
            entries.AddRange(BoardReservations.Of(serial, await stream).Where(e => CopyKey(e.Data) is not { } key || !copied.Contains(key)));
        }

        var shown = entries.OrderByDescending(e => e.Sequence).Take(limit).ToList();
        var endedBy = await EndedByAsync(session, shown, ct);
        return [.. shown.Select(e => new DeviceHistoryEntry(e.Sequence, e.At, e.Data.GetType().Name, HistoryDescriber.Describe(e.Data, endedBy)))];
    }

    /// <summary>What a copy of a reservation's fact on the board's stream is, and its derived entry alike: its kind, reservation and time.</summary>
    private static (string, Guid, DateTimeOffset)? CopyKey(object data) => data switch
    {
        DeviceReserved r => (nameof(DeviceReserved), r.ReservationId, r.At),
        DeviceLeaseExtended x => (nameof(DeviceLeaseExtended), x.ReservationId, x.At),
        DeviceReleased r => (nameof(DeviceReleased), r.ReservationId, r.At),
        _ => null,
    };

    /// <summary>Who ended each reservation a shown release belongs to, so the release names the person.</summary>
    private static async Task<Dictionary<Guid, string>> EndedByAsync(IQuerySession session, List<HistoryItem> shown, CancellationToken ct)
    {
        var endedBy = shown.Where(e => e.EndedBy is not null).ToDictionary(e => ((DeviceReleased)e.Data).ReservationId, e => e.EndedBy!);
        var unknown = shown.Select(e => e.Data).OfType<DeviceReleased>().Select(r => r.ReservationId).Where(id => !endedBy.ContainsKey(id)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            foreach (var ended in await session.Events.QueryRawEventDataOnly<ReservationEnded>().Where(e => e.ReservationId.IsOneOf(unknown)).ToListAsync(ct))
            {
                endedBy.TryAdd(ended.ReservationId, ended.EndedBy);
            }
        }

        return endedBy;
    }
}
