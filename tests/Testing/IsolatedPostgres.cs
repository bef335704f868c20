using Npgsql;

namespace IceFarm.Testing;

/// <summary>A database of its own for one test class, dropped afterwards, so classes run in parallel without seeing each other.</summary>
public sealed class IsolatedPostgres : IAsyncDisposable
{
    private readonly string _adminConnection;

    private IsolatedPostgres(string adminConnection, string database, string connectionString)
    {
        _adminConnection = adminConnection;
        Database = database;
        ConnectionString = connectionString;
    }

    public string Database { get; }

    public string ConnectionString { get; }

    public static async Task<IsolatedPostgres> CreateAsync(ServerEndpoints servers, CancellationToken ct = default)
    {
        var database = $"icefarm_t_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(servers.Postgres))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        var builder = new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = database, Pooling = true };
        return new IsolatedPostgres(servers.Postgres, database, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
