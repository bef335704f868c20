using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Queue;

/// <summary>
/// This replica's side of the farm-wide queue: it stores a waiting request, keeps the client's HTTP request open until the
/// request is granted, expires or the client leaves, and renews the replica's presence so that the requests it holds stay
/// in line. Grants are made by <see cref="QueueServer"/> on any replica; one made here is handed over at once, one made
/// elsewhere is seen at the next look (every <see cref="QueueOptions.PollInterval"/>).
/// </summary>
internal sealed class WaitingLine(
    IDocumentStore store, HeldRequests held, QueueSignals signals, ClientEventHub hub, BoardsFreedSignal boardsFreed, ReservationEnder ender, TimeProvider time,
    IOptions<QueueOptions> options, ILogger<WaitingLine> logger) : BackgroundService
{
    private DateTimeOffset _presenceRenewedAt = DateTimeOffset.MinValue;

    /// <summary>Queues <paramref name="request"/> and waits for its outcome: the reservation, or null when the wait ended.</summary>
    public async Task<ReservationView?> WaitAsync(AllocationRequest request, CancellationToken ct)
    {
        await RenewPresenceAsync(force: false, ct);
        var entry = request.ToQueued(request.Priority, time.GetUtcNow(), hub.Origin);
        var outcome = held.Register(entry.Id);
        try
        {
            await using (var session = store.LightweightSession())
            {
                session.Insert(entry);
                await session.SaveChangesAsync(ct);
            }

            held.MarkStored(entry.Id);

            logger.LogInformation("Client {ClientId} queued for {Amount} {Kind} board(s) until {WaitUntil:u} (request {RequestId})",
                entry.ClientId, entry.Amount, entry.Kind, entry.WaitUntil, entry.Id);
            await boardsFreed.AnnounceAsync(ct); // every replica's server looks at the line now, not at its next tick
            try
            {
                var ended = await outcome.WaitAsync(entry.WaitUntil - time.GetUtcNow(), time, ct);
                return await PickUpAsync(entry.Id, ended, clientGone: false, ct);
            }
            catch (TimeoutException)
            {
                return await LeaveAsync(entry.Id, QueueState.Expired, "its wait ended", clientGone: false, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client went away: the request must not stay in line and later take boards for nobody.
                await LeaveAsync(entry.Id, QueueState.Withdrawn, "the client left", clientGone: true, CancellationToken.None);
                throw;
            }
        }
        finally
        {
            held.Remove(entry.Id);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signals.Holders.RunAsync(options.Value.PollInterval, time, LookAsync, logger, "Waiting line", stoppingToken);

    /// <summary>Renews this replica's presence and hands over the outcomes other replicas decided for requests held here.</summary>
    internal async Task LookAsync(CancellationToken ct)
    {
        await RenewPresenceAsync(force: false, ct);
        if (held.IsEmpty)
        {
            return;
        }

        await using var session = store.QuerySession();
        var ids = held.StoredIds.ToArray();
        var found = (await session.LoadManyAsync<QueuedRequest>(ct, ids)).ToDictionary(r => r.Id);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var entry))
            {
                // Removed by a server that took this replica for gone (it had not renewed its presence in time).
                held.Complete(id, null);
            }
            else if (entry.State != QueueState.Waiting)
            {
                held.Complete(id, entry);
            }
        }
    }

    private async Task RenewPresenceAsync(bool force, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!force && now - _presenceRenewedAt < options.Value.PresenceInterval)
        {
            return;
        }

        await using var session = store.LightweightSession();
        session.Store(new ReplicaPresence { Id = hub.Origin, SeenAt = now });
        await session.SaveChangesAsync(ct);
        _presenceRenewedAt = now;
    }

    /// <summary>Leaves the line unless a server granted the request first; then the grant is kept, or ended if the client is gone.</summary>
    private async Task<ReservationView?> LeaveAsync(Guid id, QueueState state, string reason, bool clientGone, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<QueuedRequest>(id, ct) is not { } entry)
            {
                return null;
            }

            if (entry.State == QueueState.Waiting)
            {
                // Stored (version-checked against a server's grant), then removed: a delete alone would not be checked.
                entry.End(state, reason, time.GetUtcNow());
                session.Update(entry);
                try
                {
                    await session.SaveChangesAsync(ct);
                    logger.LogInformation("Queued request {RequestId} of {ClientId} left the line: {Reason}", id, entry.ClientId, reason);
                    return await PickUpAsync(id, entry, clientGone, ct);
                }
                catch (Exception ex) when (DocumentConflicts.IsConflict(ex) && attempt < 3)
                {
                    continue; // a server changed it meanwhile: look again
                }
            }

            return await PickUpAsync(id, entry, clientGone, ct);
        }
    }

    private async Task<ReservationView?> PickUpAsync(Guid id, QueuedRequest? entry, bool clientGone, CancellationToken ct)
    {
        ReservationView? reservation = null;
        await using var session = store.LightweightSession();
        if (entry is { State: QueueState.Granted, ReservationId: { } reservationId })
        {
            reservation = await session.LoadAsync<ReservationView>(StreamIds.Reservation(reservationId), ct);
        }

        session.Delete<QueuedRequest>(id);
        await session.SaveChangesAsync(ct);
        if (reservation is not null && clientGone)
        {
            await ender.EndAsync(reservation, ReservationEndReason.EndedByClient, "left the queue", ct);
            return null;
        }

        return reservation;
    }
}
