using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Workers;

/// <summary>
/// Marks silent workers offline (their boards offline, never deleted; clients told <c>device-failed</c>) and ends the
/// reservations still holding their boards once the grace period passes without the worker returning.
/// </summary>
internal sealed class WorkerLivenessMonitor(
    IDocumentStore store, ReservationEnder ender, ClientEventHub hub, Evaluations.EvaluationOutcomes outcomes, FarmStateConnection connection,
    TimeProvider time, IOptions<LivenessOptions> options, ILogger<WorkerLivenessMonitor> logger) : BackgroundService
{
    // Heartbeats cannot be recorded while the database is away: after an outage, silence counts from its end (plus the
    // reconnect grace), as after a broker outage. Only this loop touches these two.
    private bool _storeFailed;
    private DateTimeOffset _storeBackAt = DateTimeOffset.MinValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicCheck.RunAsync(options.Value.CheckInterval, time, CheckAsync, logger, "Liveness check", stoppingToken);

    internal async Task CheckAsync(CancellationToken ct)
    {
        // Silence is only heard while this replica consumes the farm state; a replica that cannot hear judges nothing
        // (not even the grace period's end: the worker may be back, and its heartbeats wait in the queue).
        if (connection.ReadySince is not { } readySince)
        {
            return;
        }

        var now = time.GetUtcNow();
        List<WorkerView> workers;
        Dictionary<string, WorkerLiveness> liveness;
        try
        {
            await using var session = store.QuerySession();
            workers = [.. await session.Query<WorkerView>().ToListAsync(ct)];
            liveness = (await session.Query<WorkerLiveness>().ToListAsync(ct)).ToDictionary(l => l.Id, StringComparer.Ordinal);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _storeFailed = true;
            throw; // PeriodicCheck logs it and backs off
        }

        if (_storeFailed)
        {
            _storeFailed = false;
            _storeBackAt = now;
        }

        // Heartbeats sent while this replica was not consuming, or could not store them, were never recorded: silence
        // counts from then, plus the time the workers need to reconnect and their queued heartbeats to be applied.
        var hearingSince = (readySince > _storeBackAt ? readySince : _storeBackAt) + options.Value.ReconnectGrace;

        foreach (var worker in workers)
        {
            var heard = liveness.GetValueOrDefault(worker.Id)?.LastHeartbeat ?? worker.Since;
            var last = heard > hearingSince ? heard : hearingSince;
            if (worker.Online && now - last > options.Value.OfflineAfter)
            {
                await MarkOfflineAsync(worker, heard, now, ct);
            }
            else if (!worker.Online && worker.OfflineSince is { } since && now - since >= options.Value.GracePeriod)
            {
                await EndLostReservationsAsync(worker, ct);
            }
        }
    }

    private async Task MarkOfflineAsync(WorkerView worker, DateTimeOffset last, DateTimeOffset now, CancellationToken ct)
    {
        var reason = $"no heartbeat from {worker.Name} for {(now - last).TotalSeconds:F0} s";
        List<DeviceView> devices;
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<WorkerView>(worker.Id, ct);
            if (stream.Aggregate is not { Online: true })
            {
                return;
            }

            stream.AppendOne(new WorkerWentOffline(worker.Name, reason, last, now));
            devices = [.. await session.Query<DeviceView>().Where(d => d.Worker == worker.Name && d.State != DeviceState.Offline).ToListAsync(ct)];
            // In serial order, as grants lock boards (BoardLocks), so the two never wait on each other in a circle.
            foreach (var device in devices.OrderBy(d => d.Serial, StringComparer.Ordinal))
            {
                session.Events.Append(device.Id, new DeviceStateRecorded(device.Serial, worker.Name, DeviceState.Offline, DeviceHealth.Unknown, reason, now));
            }

            await session.SaveChangesAsync(ct);
        }

        logger.LogWarning("Worker {Worker} is offline: {Reason}; {Devices} board(s) offline", worker.Name, reason, devices.Count);
        foreach (var device in devices)
        {
            await outcomes.FailOpenOnBoardAsync(device.Serial, Contracts.Evaluations.FailureCategory.Infrastructure, reason, ct);
        }

        await using var read = store.QuerySession();
        var holders = await read.LoadManyAsync<BoardHolder>(ct, devices.Select(d => d.Serial));
        var clients = (await read.LoadManyAsync<ReservationView>(ct, holders.Select(h => StreamIds.Reservation(h.ReservationId)).Distinct()))
            .ToDictionary(r => r.ReservationId, r => r.ClientId);
        foreach (var holder in holders)
        {
            if (clients.TryGetValue(holder.ReservationId, out var client))
            {
                await hub.PublishAsync(client, StreamEventTypes.DeviceFailed, new DeviceFailedEvent(holder.ReservationId, holder.Id, reason), ct);
            }
        }
    }

    private async Task EndLostReservationsAsync(WorkerView worker, CancellationToken ct)
    {
        List<ReservationView> holding;
        await using (var session = store.QuerySession())
        {
            var ids = (await session.Query<BoardHolder>().Where(h => h.Worker == worker.Name).ToListAsync(ct))
                .Select(h => StreamIds.Reservation(h.ReservationId)).Distinct().ToArray();
            holding = ids.Length == 0 ? [] : [.. await session.LoadManyAsync<ReservationView>(ct, ids)];
        }

        foreach (var reservation in holding.Where(r => r.Active))
        {
            if (await ender.EndAsync(reservation, ReservationEndReason.WorkerLost, "liveness", ct))
            {
                logger.LogWarning("Reservation {ReservationId} ended: worker {Worker} did not return within the grace period", reservation.ReservationId, worker.Name);
            }
        }
    }
}
