using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Reservations.Model;
using MassTransit;
using LeaseEnded = IceFarm.Contracts.Reservations.ReservationEnded;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Ends a reservation, or releases one of its boards, the same way whoever asks (client, admin, expiry, drain):
/// events first, then the client is told and the workers are asked to return the boards to the default firmware.
/// </summary>
internal sealed class ReservationEnder(
    ReservationHandler reservations, WorkerCommands workers, ClientEventHub hub, Evaluations.EvaluationOutcomes outcomes, Queue.QueueSignals queue,
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
        var change = await reservations.HandleAsync(
            id,
            r => owner is not null && r.ClientId != owner
                ? (EndOutcome.NotOwner, [])
                : ReservationDecisions.End(r, reason, endedBy, now, detail) is [_, ..] ended ? (EndOutcome.Ended, ended) : (EndOutcome.AlreadyEnded, []),
            ct,
            alongside: (session, change, _) =>
            {
                if (change is { Appended: true, Before.KeepAlive: not null })
                {
                    session.Delete<LeaseKeepAlive>(id);
                }

                return Task.CompletedTask;
            });
        if (change.Before is not { } reservation)
        {
            return EndOutcome.NotFound;
        }

        if (change.Outcome != EndOutcome.Ended)
        {
            return change.Outcome;
        }

        List<ReservationBoard> held = [.. reservation.Held];
        string[] onWorkers = [.. reservation.Boards.Select(b => b.Worker).Distinct(StringComparer.Ordinal)];
        queue.Server.Poke(); // its boards are free: this replica's server serves the whole line (other replicas need no notice)

        // Evaluations still queued end now, explicitly, rather than never.
        await outcomes.FailOpenAsync(reservation.Id, null, CategoryOf(reason), $"the reservation ended ({ToWireReason(reason)}) before the result", ct);
        await hub.PublishAsync(reservation.ClientId, StreamEventTypes.ReservationEnded, new ReservationEndedEvent(reservation.Id, ToWireReason(reason), detail), ct);
        await ReleaseOnWorkersAsync(reservation.Id, held, reason.ToString(), ct);
        await AnnounceAsync(new LeaseEnded(reservation.Id, reservation.ClientId, ToWireReason(reason), onWorkers, now), ct);
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
        var change = await reservations.HandleAsync(reservation.Id, r => ReservationDecisions.Release(r, serial, reason, by, now), ct);
        if (change is not { Appended: true, Before: { } before } || before.Board(serial) is not { } device)
        {
            return false;
        }

        queue.Server.Poke();
        await outcomes.FailOpenAsync(reservation.ReservationId, serial, Contracts.Evaluations.FailureCategory.User, $"the board was released ({reason}) before the result", ct);
        await ReleaseOnWorkersAsync(reservation.ReservationId, [device], reason, ct);
        if (before.Held.Count() == 1)
        {
            // A reservation without boards holds nothing: end it so the client's view and the lease agree.
            await EndAsync(reservation.Id, owner: null, whenLast, by, detail: null, ct);
        }

        return true;
    }

    private async Task ReleaseOnWorkersAsync(Guid reservationId, IEnumerable<ReservationBoard> devices, string reason, CancellationToken ct)
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
