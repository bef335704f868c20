using Marten;
using Npgsql;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// The SQL side of client events that Marten's documents cannot express: a per-client counter row that numbers events
/// across replicas (its row lock orders concurrent writers, so numbers are unique, gap-free and committed in order), and
/// the notification that wakes the streams of other replicas when events are committed.
/// </summary>
internal sealed class ClientEventDatabase(IDocumentStore store, IConfiguration configuration) : IAsyncDisposable
{
    public const string Channel = "icefarm_client_events";
    public const string CountersTable = "icefarm_client_event_counters";

    private readonly string _counters = $"{store.Options.DatabaseSchemaName}.{CountersTable}";
    private readonly string _records = store.Options.FindOrResolveDocumentType(typeof(ClientEventRecord)).TableName.QualifiedName;

    /// <summary>Connections of their own: the listener holds one for LISTEN, the writer opens its transactions on it.</summary>
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."));

    /// <summary>
    /// Reserves <paramref name="counts"/> numbers per client in <paramref name="transaction"/> and returns each client's last
    /// number. The rows stay locked until the transaction ends, so another replica numbering the same client waits and
    /// continues after these; the notification is delivered only if the transaction commits.
    /// </summary>
    public async Task<Dictionary<string, long>> ReserveAsync(
        NpgsqlTransaction transaction, string[] clients, int[] counts, string origin, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        // A client seen for the first time starts after the events already stored for it (written before the counters existed).
        // Rows are locked in client order so two writers with overlapping clients never deadlock.
        await using (var prepare = new NpgsqlCommand($"""
            INSERT INTO {_counters} (client_id, last_seq)
            SELECT w.c, COALESCE((SELECT substring(max(r.id) FROM char_length(w.c) + 2)::bigint FROM {_records} r
                                  WHERE r.id > w.c || '/' AND r.id < w.c || '0' AND strpos(substring(r.id FROM char_length(w.c) + 2), '/') = 0), 0)
            FROM unnest(@clients) AS w(c)
            WHERE NOT EXISTS (SELECT 1 FROM {_counters} k WHERE k.client_id = w.c)
            ORDER BY w.c
            ON CONFLICT (client_id) DO NOTHING;
            SELECT count(*) FROM (SELECT 1 FROM {_counters} WHERE client_id = ANY(@clients) ORDER BY client_id FOR UPDATE) locked;
            """, connection, transaction))
        {
            prepare.Parameters.AddWithValue("clients", clients);
            await prepare.ExecuteNonQueryAsync(ct);
        }

        await using var bump = new NpgsqlCommand($"""
            UPDATE {_counters} k SET last_seq = k.last_seq + w.n
            FROM unnest(@clients, @counts) AS w(c, n)
            WHERE k.client_id = w.c
            RETURNING k.client_id, k.last_seq, pg_notify(@channel, @origin || ' ' || k.last_seq || ' ' || k.client_id)
            """, connection, transaction);
        bump.Parameters.AddWithValue("clients", clients);
        bump.Parameters.AddWithValue("counts", counts);
        bump.Parameters.AddWithValue("channel", Channel);
        bump.Parameters.AddWithValue("origin", origin);
        var last = new Dictionary<string, long>(clients.Length, StringComparer.Ordinal);
        await using var reader = await bump.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            last[reader.GetString(0)] = reader.GetInt64(1);
        }

        return last;
    }

    /// <summary>The last number given to each client (committed), for the clients that have one.</summary>
    public async Task<Dictionary<string, long>> LastNumbersAsync(string[] clients, CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand($"SELECT client_id, last_seq FROM {_counters} WHERE client_id = ANY(@clients)");
        command.Parameters.AddWithValue("clients", clients);
        var last = new Dictionary<string, long>(clients.Length, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            last[reader.GetString(0)] = reader.GetInt64(1);
        }

        return last;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
