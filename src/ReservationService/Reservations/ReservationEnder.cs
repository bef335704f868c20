using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Hosting;
using Marten;
using MassTransit;
using LeaseEnded = IceFarm.Contracts.Reservations.ReservationEnded;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Ends a reservation, or releases one of its boards, the same way whoever asks (client, admin, expiry, drain):
/// events first, then the client is told and the workers are asked to return the boards to the default firmware.
/// </summary>
internal sealed class ReservationEnder(
    IDocumentStore store, WorkerCommands workers, ClientEventHub hub, Evaluations.EvaluationOutcomes outcomes, Queue.QueueSignals queue,
    TimeProvider time, ILogger<ReservationEnder> logger)
{
    public async Task<bool> EndAsync(ReservationView reservation, ReservationEndReason reason, string endedBy, CancellationToken ct) =>
        await EndAsync(reservation.Id, owner: null, reason, endedBy, detail: null, ct) == EndOutcome.Ended;

    /// <summary>Ends the reservation, telling the client <paramref name="detail"/> along with the reason.</summary>
    public async Task<bool> EndAsync(ReservationView reservation, ReservationEndReason reason, string endedBy, string? detail, CancellationToken ct) =>
        await EndAsync(reservation.Id, owner: null, reason, endedBy, detail, ct) == EndOutcome.Ended;

    /// <summary>
    /// Ends the reservation with stream id <paramref name="id"/> if <paramref name="owner"/> (when given) holds it. The
    /// ownership check reads the same stream the end appends to, so a client's end costs one read, not two.
    /// </summary>
    public Task<EndOutcome> EndAsync(string id, string? owner, ReservationEndReason reason, string endedBy, CancellationToken ct) =>
        EndAsync(id, owner, reason, endedBy, detail: null, ct);

    private async Task<EndOutcome> EndAsync(string id, string? owner, ReservationEndReason reason, string endedBy, string? detail, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var commit = await StreamConflicts.RetryAsync<(EndOutcome Outcome, ReservationView? Reservation, List<ReservationDeviceView> Held, string[] OnWorkers)>(async () =>
        {
            await using var session = store.LightweightSession();
            // FetchForWriting makes a concurrent second end fail at commit instead of releasing twice.
            var stream = await session.Events.FetchForWriting<ReservationView>(id, ct);
            if (stream.Aggregate is not { } current)
            {
                return (EndOutcome.NotFound, null, [], []);
            }

            if (owner is not null && current.ClientId != owner)
            {
                return (EndOutcome.NotOwner, null, [], []);
            }

            if (!current.Active)
            {
                return (EndOutcome.AlreadyEnded, null, [], []);
            }

            List<ReservationDeviceView> held = [.. current.Devices.Where(d => d.State != ReservationDeviceState.Released)];
            string[] onWorkers = [.. current.Devices.Select(d => d.Worker).Distinct(StringComparer.Ordinal)];
            stream.AppendOne(new ReservationEnded(current.ReservationId, reason, endedBy, now, detail));
            if (current.KeepAlive is not null)
            {
                session.Delete<LeaseKeepAlive>(id);
            }

            foreach (var device in held)
            {
                session.Events.Append(StreamIds.Device(device.Serial), new DeviceReleased(device.Serial, current.ReservationId, reason.ToString(), now));
            }

            await session.SaveChangesAsync(ct);
            return (EndOutcome.Ended, current, held, onWorkers);
        });
        if (commit is not { Outcome: EndOutcome.Ended, Reservation: { } reservation })
        {
            return commit.Outcome;
        }

        var (held, onWorkers) = (commit.Held, commit.OnWorkers);
        queue.Server.Poke(); // its boards are free: this replica's server serves the whole line (other replicas need no notice)

        // Evaluations still queued end now, explicitly, rather than never.
        await outcomes.FailOpenAsync(reservation.ReservationId, null, CategoryOf(reason), $"the reservation ended ({ToWireReason(reason)}) before the result", ct);
        await hub.PublishAsync(reservation.ClientId, StreamEventTypes.ReservationEnded, new ReservationEndedEvent(reservation.ReservationId, ToWireReason(reason), detail), ct);
        await ReleaseOnWorkersAsync(reservation.ReservationId, held, reason.ToString(), ct);
        await AnnounceAsync(new LeaseEnded(reservation.ReservationId, reservation.ClientId, ToWireReason(reason), onWorkers, now), ct);
        return EndOutcome.Ended;
    }

    private async Task AnnounceAsync(LeaseEnded ended, CancellationToken ct)
    {
        try
        {
            await workers.PublishAsync(ended, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The end is stored; a drain waiting for it finds out on its next recount (DrainMonitor).
            logger.LogWarning(ex, "Could not publish ReservationEnded for {ReservationId}", ended.ReservationId);
        }
    }

    /// <returns>False when the board is not (or no longer) held by the reservation.</returns>
    public async Task<bool> ReleaseDeviceAsync(
        ReservationView reservation, string serial, string reason, string by, CancellationToken ct, ReservationEndReason whenLast = ReservationEndReason.EndedByClient)
    {
        var now = time.GetUtcNow();
        var released = await StreamConflicts.RetryAsync(async () =>
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ReservationView>(reservation.Id, ct);
            var held = stream.Aggregate is { Active: true } current ? current.Devices.Where(d => d.State != ReservationDeviceState.Released).ToList() : [];
            var found = held.Find(d => d.Serial == serial);
            if (found is null)
            {
                return null;
            }

            stream.AppendOne(new ReservationDeviceReleased(reservation.ReservationId, serial, reason, by, now));
            session.Events.Append(StreamIds.Device(serial), new DeviceReleased(serial, reservation.ReservationId, reason, now));
            await session.SaveChangesAsync(ct);
            return new { Device = found, Last = held.Count == 1 };
        });
        if (released is null)
        {
            return false;
        }

        var (device, last) = (released.Device, released.Last);
        queue.Server.Poke();
        await outcomes.FailOpenAsync(reservation.ReservationId, serial, Contracts.Evaluations.FailureCategory.User, $"the board was released ({reason}) before the result", ct);
        await ReleaseOnWorkersAsync(reservation.ReservationId, [device], reason, ct);
        if (last)
        {
            // A reservation without boards holds nothing: end it so the client's view and the lease agree.
            var refreshed = await LoadAsync(reservation.Id, ct);
            if (refreshed is not null)
            {
                await EndAsync(refreshed, whenLast, by, ct);
            }
        }

        return true;
    }

    private async Task<ReservationView?> LoadAsync(string id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ReservationView>(id, ct);
    }

    private async Task ReleaseOnWorkersAsync(Guid reservationId, IEnumerable<ReservationDeviceView> devices, string reason, CancellationToken ct)
    {
        foreach (var device in devices)
        {
            try
            {
                await workers.SendAsync(device.Worker, new ReleaseDevice(reservationId, device.Serial, reason), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The worker's next heartbeat still reports the board as serving this reservation; reconciliation resends.
                logger.LogWarning(ex, "Could not send ReleaseDevice for {Serial} of {ReservationId}", device.Serial, reservationId);
            }
        }
    }

    private static Contracts.Evaluations.FailureCategory CategoryOf(ReservationEndReason reason) => reason switch
    {
        ReservationEndReason.Expired or ReservationEndReason.EndedByClient => Contracts.Evaluations.FailureCategory.User,
        ReservationEndReason.DeviceFailed => Contracts.Evaluations.FailureCategory.Device,
        _ => Contracts.Evaluations.FailureCategory.Infrastructure,
    };

    private static string ToWireReason(ReservationEndReason reason) => reason switch
    {
        ReservationEndReason.Expired => "expired",
        ReservationEndReason.EndedByClient => "ended-by-client",
        ReservationEndReason.EndedByAdmin => "ended-by-admin",
        ReservationEndReason.WorkerLost => "worker-lost",
        ReservationEndReason.DeviceFailed => "device-failed",
        ReservationEndReason.Drained => "drained",
        ReservationEndReason.KeepAliveLapsed => "keepalive-lapsed",
        _ => reason.ToString(),
    };
}
