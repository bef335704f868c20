using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using Marten;

namespace IceFarm.AdminApi.Farm;

/// <summary>
/// Every read of the farm's state, straight from the inline projections. A singleton that opens a query session per
/// call, so the API handlers and the panel's live stream share one implementation.
/// </summary>
internal sealed class FarmReader(IDocumentStore store, DeviceTable table)
{
    public async Task<WorkerInfo[]> WorkersAsync(CancellationToken ct) => (await WorkersWithReservedAsync(ct)).Workers;

    /// <summary>The workers, and how many boards each has reserved (the drain's progress before its saga reports).</summary>
    public async Task<(WorkerInfo[] Workers, IReadOnlyDictionary<string, int> Reserved)> WorkersWithReservedAsync(CancellationToken ct)
    {
        var counts = await table.CountsAsync(ct);
        await using var session = store.QuerySession();
        var workers = await session.Query<WorkerView>().ToListAsync(ct);
        var liveness = (await session.Query<WorkerLiveness>().ToListAsync(ct)).ToDictionary(l => l.Id, StringComparer.Ordinal);
        var byWorker = counts.GroupBy(c => c.Worker, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var infos = workers.OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => new WorkerInfo(
            w.Name, w.Host, w.Version, w.Kinds, w.Online, w.Draining,
            liveness.GetValueOrDefault(w.Id)?.LastHeartbeat,
            (byWorker.GetValueOrDefault(w.Name) ?? []).ToDictionary(c => c.State, c => c.Boards, StringComparer.Ordinal))
        {
            Maintenance = w.Maintenance ? new WorkerMaintenanceInfo(w.MaintenanceBy ?? "", w.MaintenanceReason, w.MaintenanceSince ?? w.Since) : null,
        }).ToArray();
        var reserved = byWorker.ToDictionary(g => g.Key, g => g.Value.Sum(c => c.Reserved), StringComparer.Ordinal);
        return (infos, reserved);
    }

    public async Task<IReadOnlyList<string>> WorkerNamesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<WorkerView>().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(ct);
    }

    public async Task<bool> WorkerExistsAsync(string name, CancellationToken ct) => await WorkerViewAsync(name, ct) is not null;

    public async Task<WorkerView?> WorkerViewAsync(string name, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<WorkerView>(StreamIds.Worker(name), ct);
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

    /// <summary>One page of the device table (offset <paramref name="offset"/>), and how many boards match in all.</summary>
    public async Task<(DeviceInfo[] Devices, int Total)> DevicesPageAsync(DeviceFilter filter, int offset, int limit, CancellationToken ct)
    {
        var (rows, total) = await table.PageAsync(filter, offset, limit, ct);
        return ([.. rows.Select(r => r.ToInfo())], total);
    }

    /// <summary>
    /// Writes the device table as a JSON array of <see cref="DeviceInfo"/>: PostgreSQL returns nine text fields per board,
    /// .NET sorts them and writes them out, so 10,000 boards are never deserialised into documents or rebuilt as jsonb.
    /// </summary>
    public async Task WriteDevicesAsync(DeviceFilter filter, Stream destination, CancellationToken ct) =>
        await DeviceJson.WriteAsync(await table.ReadAsync(filter, ct), destination, ct);

    public async Task<DeviceInfo?> DeviceAsync(string serial, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var viewRead = batch.Load<DeviceView>(StreamIds.Device(serial));
        var holderRead = batch.Load<BoardHolder>(serial);
        await batch.Execute(ct);
        if (await viewRead is not { } view)
        {
            return null;
        }

        var reservation = await holderRead is { } holder ? await session.LoadAsync<ReservationView>(StreamIds.Reservation(holder.ReservationId), ct) : null;
        var info = ToInfo(view, reservation);
        if (reservation?.KeepAlive is not { } ttl)
        {
            return info;
        }

        var keepAlive = await session.LoadAsync<LeaseKeepAlive>(reservation.Id, ct);
        return info with { KeepAlive = System.Xml.XmlConvert.ToString(ttl), RenewedAt = KeepAlives.RenewedAt(reservation, keepAlive) };
    }

    public async Task<FarmAvailability> AvailabilityAsync(CancellationToken ct)
    {
        var counts = await table.CountsAsync(ct);
        await using var session = store.QuerySession();
        var workers = (await session.Query<WorkerView>().ToListAsync(ct)).ToDictionary(w => w.Name, StringComparer.Ordinal);
        var kinds = workers.Values.SelectMany(w => w.Kinds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        // Grantable: free boards (available, unreserved, not held) on online workers that take new reservations.
        var grantable = counts
            .Where(c => c.State == nameof(DeviceState.Available) && workers.TryGetValue(c.Worker, out var w) && w.TakesReservations)
            .Select(c => (Worker: workers[c.Worker], Free: c.Free)).ToList();
        var availableByKind = kinds.ToDictionary(k => k, k => grantable.Where(g => g.Worker.Kinds.Contains(k, StringComparer.Ordinal)).Sum(g => g.Free), StringComparer.Ordinal);
        var byState = Enum.GetNames<DeviceState>().ToDictionary(s => s, s => counts.Where(c => c.State == s).Sum(c => c.Boards), StringComparer.Ordinal);
        return new FarmAvailability(
            counts.Sum(c => c.Boards),
            counts.Sum(c => c.Reserved),
            byState[nameof(DeviceState.Broken)],
            byState[nameof(DeviceState.Offline)],
            availableByKind,
            byState);
    }

    private static WorkerDrainInfo ToInfo(DrainView d) =>
        new(d.Worker, d.State, d.Deadline, d.RequestedBy, d.StartedAt, d.FinishedAt, [.. d.RemainingReservations], [.. d.ForceEndedReservations]);

    private static DeviceInfo ToInfo(DeviceView d, ReservationView? holder) =>
        new(d.Serial, d.Worker, d.State.ToString(), d.Health.ToString(), d.Reason, holder?.ClientId, holder?.ReservationId, holder?.Kind, holder?.ExpiresAt)
        {
            Hold = d.Hold is { } hold ? new DeviceHoldInfo(hold.ToString(), d.HeldBy ?? "", d.HoldReason, d.HeldSince ?? default) : null,
        };
}
