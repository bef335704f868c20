using IceFarm.Contracts.Admin;
using IceFarm.ReservationService.Hosting;
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

        return [.. events.OrderByDescending(e => e.Version).Take(limit).Select(e => new DeviceHistoryEntry(
            e.Version, e.Timestamp, e.Data.GetType().Name, HistoryDescriber.Describe(e.Data)))];
    }
}
