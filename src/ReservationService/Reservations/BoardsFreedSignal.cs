using IceFarm.ReservationService.ClientEvents;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Boards may have become free: this replica's allocation queue is served at once, and the other replicas' queues are
/// woken through PostgreSQL NOTIFY (heartbeats and state changes are consumed by one replica at a time, so without it a
/// client waiting on another replica would wait for that queue's safety-net tick, <c>Leases:CheckInterval</c>).
/// </summary>
internal sealed class BoardsFreedSignal(AllocationQueue queue, ClientEventDatabase database, ClientEventHub hub, ILogger<BoardsFreedSignal> logger)
{
    public const string Channel = "icefarm_boards_freed";

    public async Task AnnounceAsync(CancellationToken ct)
    {
        queue.Poke();
        try
        {
            await using var notify = database.DataSource.CreateCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = Channel });
            notify.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = hub.Origin });
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // The other replicas still serve their queues on their safety-net tick.
            logger.LogWarning(ex, "Could not tell the other replicas that boards may be free");
        }
    }

    /// <summary>Called by the listener for a notification on <see cref="Channel"/>.</summary>
    public void OnNotification(string origin)
    {
        if (origin != hub.Origin)
        {
            queue.Poke();
        }
    }
}
