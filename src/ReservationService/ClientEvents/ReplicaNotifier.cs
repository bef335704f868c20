using IceFarm.ReservationService.Hosting;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>Tells the other replicas something through PostgreSQL NOTIFY (payload: this replica's origin, which they ignore for themselves).</summary>
internal sealed class ReplicaNotifier(OwnConnections connections, ClientEventHub hub, ILogger<ReplicaNotifier> logger)
{
    public async Task NotifyAsync(string channel, CancellationToken ct)
    {
        try
        {
            await using var notify = connections.DataSource.CreateCommand("SELECT pg_notify($1, $2)");
            notify.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = channel });
            notify.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = hub.Origin });
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // The other replicas still look on their own every Queue:PollInterval.
            logger.LogWarning(ex, "Could not notify the other replicas on {Channel}", channel);
        }
    }
}
