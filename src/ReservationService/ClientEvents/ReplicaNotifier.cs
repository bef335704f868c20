using IceFarm.ReservationService.Hosting;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>Tells the other replicas something through PostgreSQL NOTIFY (payload: this replica's origin, which they ignore for themselves).</summary>
internal sealed class ReplicaNotifier(OwnConnections connections, ClientEventHub hub, ILogger<ReplicaNotifier> logger)
{
    public async Task NotifyAsync(string channel, CancellationToken ct) => await NotifyAsync(channel, [hub.Origin], ct);

    /// <summary>Sends one notification per payload, in one statement; a notification is only a wake-up, so a failure is logged and the receivers' polls cover it.</summary>
    public async Task NotifyAsync(string channel, IReadOnlyList<string> payloads, CancellationToken ct)
    {
        try
        {
            await using var notify = connections.DataSource.CreateCommand("SELECT count(pg_notify($1, p)) FROM unnest($2::text[]) AS p");
            notify.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = channel });
            notify.Parameters.Add(new Npgsql.NpgsqlParameter<string[]> { TypedValue = [.. payloads] });
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not notify the other replicas on {Channel}; they find out by their own poll", channel);
        }
    }
}
