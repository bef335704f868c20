using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Workers;
using Marten;

namespace IceFarm.AdminApi.Farm;

/// <summary>
/// Every read of the farm's state, straight from the inline projections. A singleton that opens a query session per
/// call, so the API handlers and the panel's live stream share one implementation.
/// </summary>
internal sealed class FarmReader(IDocumentStore store)
{
    public async Task<WorkerInfo[]> WorkersAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var workers = await session.Query<WorkerView>().ToListAsync(ct);
        var liveness = (await session.Query<WorkerLiveness>().ToListAsync(ct)).ToDictionary(l => l.Id, StringComparer.Ordinal);
        var devices = await CountRowsAsync(session, ct);
        var countsByWorker = devices.GroupBy(d => d.Worker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(d => d.State.ToString()).ToDictionary(s => s.Key, s => s.Count()), StringComparer.Ordinal);
        return [.. workers.OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => new WorkerInfo(
            w.Name, w.Host, w.Version, w.Kinds, w.Online, w.Draining,
            liveness.GetValueOrDefault(w.Id)?.LastHeartbeat,
            countsByWorker.GetValueOrDefault(w.Name) ?? new Dictionary<string, int>()))];
    }

    public async Task<IReadOnlyList<string>> WorkerNamesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<WorkerView>().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(ct);
    }

    public async Task<bool> WorkerExistsAsync(string name, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<WorkerView>(StreamIds.Worker(name), ct) is not null;
    }

    /// <summary>The last drain of every worker that was ever drained, by worker name.</summary>
    public async Task<IReadOnlyDictionary<string, WorkerDrainInfo>> DrainsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var drains = await session.Query<DrainView>().ToListAsync(ct);
        return drains.ToDictionary(d => d.Worker, ToInfo, StringComparer.Ordinal);
    }

    public async Task<WorkerDrainInfo?> DrainAsync(string worker, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var drain = await session.LoadAsync<DrainView>(StreamIds.Worker(worker), ct);
        return drain is null ? null : ToInfo(drain);
    }

    public async Task<DeviceInfo[]> DevicesAsync(DeviceFilter filter, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var devices = await Filtered(session, filter).ToListAsync(ct);
        return [.. devices.OrderBy(d => d.Worker, StringComparer.Ordinal).ThenBy(d => d.Serial, StringComparer.Ordinal).Select(ToInfo)];
    }

    /// <summary>The first <paramref name="limit"/> boards in table order, and how many match in all (one query).</summary>
    public async Task<(DeviceInfo[] Devices, long Total)> DevicesPageAsync(DeviceFilter filter, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var devices = await Filtered(session, filter).Stats(out var stats).OrderBy(d => d.Worker).ThenBy(d => d.Serial).Take(limit).ToListAsync(ct);
        return ([.. devices.Select(ToInfo)], stats.TotalResults);
    }

    /// <summary>
    /// Writes the device table as a JSON array of <see cref="DeviceInfo"/> straight from PostgreSQL: the database builds
    /// each object and Marten copies the bytes, so 10,000 boards are never deserialised and serialised again.
    /// </summary>
    public async Task StreamDevicesAsync(DeviceFilter filter, Stream destination, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await Filtered(session, filter).OrderBy(d => d.Worker).ThenBy(d => d.Serial)
            .Select(d => new
            {
                serial = d.Serial,
                worker = d.Worker,
                state = d.State,
                health = d.Health,
                reason = d.Reason,
                clientId = d.ClientId,
                reservationId = d.ReservationId,
                kind = d.Kind,
                expiresAt = d.ExpiresAt,
            })
            .StreamJsonArray(destination, ct);
    }

    public async Task<DeviceInfo?> DeviceAsync(string serial, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var view = await session.LoadAsync<DeviceView>(StreamIds.Device(serial), ct);
        return view is null ? null : ToInfo(view);
    }

    public async Task<FarmAvailability> AvailabilityAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var workers = (await session.Query<WorkerView>().ToListAsync(ct)).ToDictionary(w => w.Name, StringComparer.Ordinal);
        var devices = await CountRowsAsync(session, ct);
        var kinds = workers.Values.SelectMany(w => w.Kinds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var grantable = devices.Where(d => d.State == DeviceState.Available && d.ReservationId is null && workers.TryGetValue(d.Worker, out var w) && w.Online && !w.Draining).ToList();
        var availableByKind = kinds.ToDictionary(k => k, k => grantable.Count(d => workers[d.Worker].Kinds.Contains(k, StringComparer.Ordinal)), StringComparer.Ordinal);
        var byState = Enum.GetValues<DeviceState>().ToDictionary(s => s.ToString(), s => devices.Count(d => d.State == s), StringComparer.Ordinal);
        return new FarmAvailability(
            devices.Count,
            devices.Count(d => d.ReservationId is not null),
            byState[nameof(DeviceState.Broken)],
            byState[nameof(DeviceState.Offline)],
            availableByKind,
            byState);
    }

    private static IQueryable<DeviceView> Filtered(IQuerySession session, DeviceFilter filter)
    {
        IQueryable<DeviceView> query = session.Query<DeviceView>();
        if (filter.Worker is { } worker)
        {
            query = query.Where(d => d.Worker == worker);
        }

        if (filter.State is { } state)
        {
            query = query.Where(d => d.State == state);
        }

        if (filter.Client is { } client)
        {
            query = query.Where(d => d.ClientId == client);
        }

        return query;
    }

    private static async Task<IReadOnlyList<DeviceCountRow>> CountRowsAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<DeviceView>().Select(d => new DeviceCountRow(d.Worker, d.State, d.ReservationId)).ToListAsync(ct);

    private static WorkerDrainInfo ToInfo(DrainView d) =>
        new(d.Worker, d.State, d.Deadline, d.RequestedBy, d.StartedAt, d.FinishedAt, [.. d.RemainingReservations], [.. d.ForceEndedReservations]);

    private static DeviceInfo ToInfo(DeviceView d) =>
        new(d.Serial, d.Worker, d.State.ToString(), d.Health.ToString(), d.Reason, d.ClientId, d.ReservationId, d.Kind, d.ExpiresAt);
}
