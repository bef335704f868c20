using System.Text.Json;
using Marten;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// The statements of <see cref="ClientEventDatabase.StoreAsync"/>. The events go into Marten's document table directly
/// (Marten needs each id before it writes, and the ids come from the counter in the same statement), as the JSON
/// Marten's serializer writes, with the id and number set in SQL; Marten reads them back as any document of its own.
/// </summary>
internal sealed class ClientEventSql
{
    /// <summary>The columns of <see cref="Store"/>'s rows: client, last number, the notification.</summary>
    public const int StoreColumns = 3;

    public ClientEventSql(IDocumentStore store, string counters, ISerializer serializer)
    {
        var records = store.Options.FindOrResolveDocumentType(typeof(ClientEventRecord)).TableName.QualifiedName;
        var tickets = store.Options.FindOrResolveDocumentType(typeof(Evaluations.EvaluationTicket)).TableName.QualifiedName;
        var (idKey, seqKey) = KeysOf(serializer);

        // $1: the batch's clients. A client seen for the first time starts after the events already stored for it
        // (written before the counters existed).
        Seed = $"""
            INSERT INTO {counters} (client_id, last_seq)
            SELECT w.c, COALESCE((SELECT substring(max(r.id) FROM char_length(w.c) + 2)::bigint FROM {records} r
                                  WHERE r.id > w.c || '/' AND r.id < w.c || '0' AND strpos(substring(r.id FROM char_length(w.c) + 2), '/') = 0), 0)
            FROM unnest($1::text[]) AS w(c)
            WHERE NOT EXISTS (SELECT 1 FROM {counters} k WHERE k.client_id = w.c)
            ORDER BY w.c
            ON CONFLICT (client_id) DO NOTHING
            """;
        Lock = $"SELECT count(*) FROM (SELECT 1 FROM {counters} WHERE client_id = ANY($1::text[]) ORDER BY client_id FOR UPDATE) locked";

        // $1, $2: each client and its count of events; $3, $4: channel and origin of the notification; $5, $6, $7: each
        // event's client, its place among that client's events in the batch (1-based), its JSON; $8: the tickets to delete.
        // Data-modifying CTEs run once and to completion whether or not the final SELECT reads them.
        Store = $"""
            WITH bumped AS (
                UPDATE {counters} k SET last_seq = k.last_seq + w.n
                FROM unnest($1::text[], $2::int[]) AS w(c, n)
                WHERE k.client_id = w.c
                RETURNING k.client_id, k.last_seq, w.n, pg_notify($3, $4 || ' ' || k.last_seq || ' ' || k.client_id) AS notified
            ), numbered AS (
                SELECT e.c || '/' || lpad((b.last_seq - b.n + e.k)::text, 19, '0') AS id, b.last_seq - b.n + e.k AS seq, e.doc
                FROM unnest($5::text[], $6::int[], $7::text[]) AS e(c, k, doc) JOIN bumped b ON b.client_id = e.c
            ), stored AS (
                INSERT INTO {records} (id, data, mt_dotnet_type)
                SELECT n.id, n.doc::jsonb || jsonb_build_object({Literal(idKey)}, n.id, {Literal(seqKey)}, n.seq), {Literal(typeof(ClientEventRecord).FullName!)}
                FROM numbered n
            ), closed AS (
                DELETE FROM {tickets} WHERE id = ANY($8::uuid[])
            )
            SELECT client_id, last_seq, notified FROM bumped
            """;
    }

    public string Seed { get; }

    public string Lock { get; }

    public string Store { get; }

    /// <summary>The JSON names Marten's serializer gives the id and the number (its casing is configurable).</summary>
    private static (string Id, string Seq) KeysOf(ISerializer serializer)
    {
        const string probeId = "probe-id";
        const long probeSeq = 8_675_309_123;
        using var json = JsonDocument.Parse(serializer.ToJson(new ClientEventRecord { Id = probeId, Seq = probeSeq }));
        var properties = json.RootElement.EnumerateObject().ToList();
        var id = properties.Single(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == probeId).Name;
        var seq = properties.Single(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var v) && v == probeSeq).Name;
        return (id, seq);
    }

    private static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
