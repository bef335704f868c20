using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using Marten;

namespace IceFarm.AdminApi.History;

/// <summary>A board's history is its event stream itself, read newest first (ARCHITECTURE.md §5).</summary>
internal sealed class DeviceHistoryReader(IDocumentStore store)
{
    /// <summary>The newest <paramref name="limit"/> events, or null when the board has no stream.</summary>
    public async Task<DeviceHistoryEntry[]?> ReadAsync(string serial, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamIds.Device(serial), token: ct);
        if (events.Count == 0)
        {
            return null;
        }

        var shown = events.OrderByDescending(e => e.Version).Take(limit).ToList();
        var released = shown.Select(e => e.Data).OfType<DeviceReleased>().Select(r => r.ReservationId).Distinct().ToArray();
        var endedBy = released.Length == 0
            ? new Dictionary<Guid, string>()
            : (await session.Events.QueryRawEventDataOnly<ReservationEnded>().Where(e => e.ReservationId.IsOneOf(released)).ToListAsync(ct))
                .GroupBy(e => e.ReservationId).ToDictionary(g => g.Key, g => g.First().EndedBy);
        return [.. shown.Select(e => new DeviceHistoryEntry(e.Version, e.Timestamp, e.Data.GetType().Name, HistoryDescriber.Describe(e.Data, endedBy)))];
    }
}
