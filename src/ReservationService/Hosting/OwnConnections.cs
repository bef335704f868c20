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

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
