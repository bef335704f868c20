using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using Marten;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Boards a grant may take, read from the projections: available on their worker (<see cref="DeviceView"/>) and held by
/// no reservation (no <see cref="BoardHolder"/>). What a grant reads here is a candidate; it decides again under the
/// boards' locks (<see cref="DeviceAllocator"/>).
/// </summary>
internal static class FreeBoards
{
    // A held board is idle on its worker only for a moment (after its grant, before the worker starts on it; a lost
    // prepare being re-sent), so a few more rows than asked for cover those.
    private const int HeldMargin = 16;

    /// <summary>Up to <paramref name="limit"/> free boards on <paramref name="workers"/>, other than <paramref name="except"/>.</summary>
    public static async Task<List<DeviceView>> SampleAsync(IQuerySession session, string[] workers, int limit, string? except, CancellationToken ct)
    {
        var available = await Available(session, workers, except).Take(limit + HeldMargin).ToListAsync(ct);
        var held = await HeldAsync(session, available.Select(d => d.Serial), ct);
        var free = available.Where(d => !held.Contains(d.Serial)).Take(limit).ToList();
        if (free.Count == limit || available.Count < limit + HeldMargin)
        {
            return free; // enough, or every available board was read
        }

        // More held boards are idle than the margin covers (a worker restarted with its reserved boards): leave every held
        // board out in the query itself, so nobody is refused while free boards exist.
        var allHeld = await session.Query<BoardHolder>().Select(h => h.Id).ToListAsync(ct);
        return [.. await Available(session, workers, except).Where(d => !d.Serial.IsOneOf(allHeld.ToArray())).Take(limit).ToListAsync(ct)];
    }

    /// <summary>The boards among <paramref name="serials"/> that are free.</summary>
    public static async Task<List<DeviceView>> NamedAsync(IQuerySession session, IEnumerable<string> serials, CancellationToken ct)
    {
        var devices = await session.LoadManyAsync<DeviceView>(ct, serials.Select(FarmData.Store.StreamIds.Device));
        var held = await HeldAsync(session, devices.Select(d => d.Serial), ct);
        return [.. devices.Where(d => d.IsAvailable && !held.Contains(d.Serial))];
    }

    /// <summary>How many boards on <paramref name="workers"/> are free.</summary>
    public static async Task<int> CountAsync(IQuerySession session, string[] workers, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var available = batch.Query<DeviceView>()
            .Where(d => d.State == DeviceState.Available && d.Hold == null && d.Worker.IsOneOf(workers)).Select(d => d.Serial).ToList();
        var held = batch.Query<BoardHolder>().Select(h => h.Id).ToList();
        await batch.Execute(ct);
        return (await available).Except(await held, StringComparer.Ordinal).Count();
    }

    private static IQueryable<DeviceView> Available(IQuerySession session, string[] workers, string? except) =>
        session.Query<DeviceView>().Where(d => d.State == DeviceState.Available && d.Hold == null && d.Worker.IsOneOf(workers) && d.Serial != except);

    private static async Task<HashSet<string>> HeldAsync(IQuerySession session, IEnumerable<string> serials, CancellationToken ct) =>
        (await session.LoadManyAsync<BoardHolder>(ct, serials)).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
}
