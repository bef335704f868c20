using Npgsql;

namespace IceFarm.Testing;

/// <summary>A database of its own for one test class, dropped afterwards, so classes run in parallel without seeing each other.</summary>
public sealed class IsolatedPostgres : IAsyncDisposable
{
    private const long TemplateLock = 0x1CEFA4D;
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
            // CREATE DATABASE copies template1 and fails while another session uses it ("being accessed by other
            // users"): test processes running in parallel take turns through a server-wide advisory lock.
            await using (var lockTemplate = new NpgsqlCommand($"SELECT pg_advisory_lock({TemplateLock})", connection))
            {
                await lockTemplate.ExecuteNonQueryAsync(ct);
            }

            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({TemplateLock})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        var builder = new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = database, Pooling = true };
        return new IsolatedPostgres(servers.Postgres, database, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync(deadline.Token);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync(deadline.Token);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                // FORCE may only end sessions of our own role; an autovacuum worker visiting the fresh database has none
                // ("must be a member of the role whose process is being terminated"). It leaves within moments: try again.
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
    }
}
