using IceFarm.FarmData.Store;
using Npgsql;

namespace IceFarm.ReservationService.Hosting;

/// <summary>
/// PostgreSQL connections of the service's own, outside Marten's pool: the listener holds one for LISTEN, the queue
/// server one for its session-level advisory lock, and notifications to the other replicas go out on them.
/// </summary>
internal sealed class OwnConnections(IConfiguration configuration) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(PostgresConnection.Read(configuration));

    /// <summary>Sends one notification per payload on <paramref name="channel"/>, in one statement.</summary>
    public async Task NotifyAsync(string channel, IReadOnlyList<string> payloads, CancellationToken ct)
    {
        await using var notify = DataSource.CreateCommand("SELECT count(pg_notify($1, p)) FROM unnest($2::text[]) AS p");
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        notify.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. payloads] });
        await notify.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
