using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Hosting;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Queue;

/// <summary>
/// Serves the farm-wide queue: whenever boards may have become free (a poke from this replica, a notification from
/// another) and every <see cref="QueueOptions.PollInterval"/>, one replica at a time (a PostgreSQL advisory lock) walks
/// the line in <see cref="QueuePolicy"/> order and grants what the free boards allow, backfilling until it meets a
/// protected request it cannot serve. A grant and a client's withdrawal race on the request's version; the loser's
/// grant is ended at once.
/// </summary>
internal sealed class QueueServer(
    IDocumentStore store, OwnConnections connections, DeviceAllocator allocator, ReservationEnder ender, ReservationPreparer preparer,
    HeldRequests held, QueueSignals signals, ReplicaNotifier notifier, ClientEventHub hub, TimeProvider time, IOptions<QueueOptions> options, ILogger<QueueServer> logger) : BackgroundService
{
    // Any constant shared by the replicas: it names the lock, nothing else takes it.
    private const long LockKey = 0x1CEFA2_0001;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signals.Server.RunAsync(options.Value.PollInterval, time, ServeAsync, logger, "Serving the queue", stoppingToken);

    /// <summary>One pass over the line, if no other replica is serving it right now (that one sees the same boards).</summary>
    internal async Task ServeAsync(CancellationToken ct)
    {
        // Most wake-ups (every reservation's end) find the line empty: one cheap read then, no lock.
        await using (var peek = store.QuerySession())
        {
            if (!await peek.Query<QueuedRequest>().AnyAsync(ct))
            {
                return;
            }
        }

        await using var connection = await connections.DataSource.OpenConnectionAsync(ct);
        await using (var take = connection.CreateCommand())
        {
            take.CommandText = $"SELECT pg_try_advisory_lock({LockKey})";
            if (await take.ExecuteScalarAsync(ct) is not true)
            {
                signals.Server.Poke(); // the pass under way may have read the line before this change: look again after it
                return;
            }
        }

        try
        {
            await ServeLineAsync(ct);
        }
        finally
        {
            // A session-level lock outlives the connection's return to the pool: release it explicitly.
            await using var release = connection.CreateCommand();
            release.CommandText = $"SELECT pg_advisory_unlock({LockKey})";
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task ServeLineAsync(CancellationToken ct)
    {
        List<QueuedRequest> entries;
        List<ReplicaPresence> replicas;
        await using (var read = store.QuerySession())
        {
            entries = [.. await read.Query<QueuedRequest>().ToListAsync(ct)];
            if (entries.Count == 0)
            {
                return;
            }

            replicas = [.. await read.Query<ReplicaPresence>().ToListAsync(ct)];
        }

        var now = time.GetUtcNow();
        var alive = replicas.Where(r => now - r.SeenAt < options.Value.HolderTimeout).Select(r => r.Id).Append(hub.Origin).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in entries.Where(e => !alive.Contains(e.HeldBy)))
        {
            await RemoveOrphanAsync(orphan, ct);
        }

        foreach (var entry in QueuePolicy.Order(entries.Where(e => alive.Contains(e.HeldBy)), now, options.Value))
        {
            if (entry.WaitUntil <= time.GetUtcNow())
            {
                await EndAsync(entry, QueueState.Expired, "its wait ended", null, ct);
                continue;
            }

            var result = await allocator.AllocateAsync(entry.ToAllocation(), ct);
            if (result.Reservation is { } reservation)
            {
                if (await EndAsync(entry, QueueState.Granted, "granted", reservation.ReservationId, ct))
                {
                    await preparer.PrepareAsync(reservation, ct);
                }
                else
                {
                    logger.LogInformation("Reservation {ReservationId} was granted to a request that had just left the line; ending it", reservation.ReservationId);
                    await ender.EndAsync(reservation, ReservationEndReason.EndedByClient, "left the queue", ct);
                }
            }
            else if (QueuePolicy.IsProtected(entry, now, options.Value))
            {
                return; // nobody behind a protected request is served before it: freed boards collect for it
            }
        }
    }

    /// <summary>Ends a waiting request, checked against its version; false if its holder changed it first (the client left).</summary>
    private async Task<bool> EndAsync(QueuedRequest entry, QueueState state, string reason, Guid? reservationId, CancellationToken ct)
    {
        entry.End(state, reason, time.GetUtcNow(), reservationId);
        await using var session = store.LightweightSession();
        session.Update(entry);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (DocumentConflicts.IsConflict(ex))
        {
            return false;
        }

        if (entry.HeldBy == hub.Origin)
        {
            held.Complete(entry.Id, entry);
        }
        else
        {
            // Its client waits on another replica: wake that one's waiting line now rather than at its next look.
            await notifier.NotifyAsync(BoardsFreedSignal.Channel, ct);
        }

        return true;
    }

    /// <summary>A request whose replica is gone has nobody to answer: it leaves the line, and a grant it got is ended.</summary>
    private async Task RemoveOrphanAsync(QueuedRequest orphan, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Delete<QueuedRequest>(orphan.Id);
        await session.SaveChangesAsync(ct);
        logger.LogWarning("Queued request {RequestId} of {ClientId} left the line: replica {Replica} that held it is gone", orphan.Id, orphan.ClientId, orphan.HeldBy);
        if (orphan is { State: QueueState.Granted, ReservationId: { } reservationId })
        {
            await using var read = store.QuerySession();
            if (await read.LoadAsync<ReservationView>(StreamIds.Reservation(reservationId), ct) is { } reservation)
            {
                await ender.EndAsync(reservation, ReservationEndReason.EndedByClient, "nobody waits for it any more", ct);
            }
        }
    }
}
