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
    /// <summary>The columns of <see cref="Store"/>'s rows: the stored event's place in the batch, its number.</summary>
    public const int StoreColumns = 2;

    public ClientEventSql(IDocumentStore store, string counters, ISerializer serializer)
    {
        var records = store.Options.FindOrResolveDocumentType(typeof(ClientEventRecord)).TableName.QualifiedName;
        var tickets = store.Options.FindOrResolveDocumentType(typeof(Evaluations.EvaluationTicket)).TableName.QualifiedName;
        var (idKey, seqKey) = KeysOf(serializer);
        var (clientKey, serialKey, workerKey) = TicketKeysOf(serializer);

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

        // $1: the batch's clients; $2, $3: channel and origin of the notification; $4, $5, $6, $7, $8: each event's client,
        // its JSON, the evaluation it ends (null for none), the board and the worker that claim it. An event that ends an
        // evaluation is stored only if this statement deletes its ticket, and only a ticket of that client, board and worker
        // (a ticket from before tickets named their worker matches any) is deleted: a worker's message cannot end another
        // client's evaluation or one sent to another worker. a result delivered twice, to this replica or to another, or retried after a commit whose
        // answer was lost, finds the ticket gone and is left out (the ticket's row lock makes a concurrent second writer
        // wait and then find it gone). Only what is kept is numbered, so numbers stay gap-free. The rows say which events
        // were stored: their place in the batch (1-based) and their number.
        // Data-modifying CTEs run once and to completion whether or not the final SELECT reads them.
        Store = $"""
            WITH closed AS (
                DELETE FROM {tickets} t
                USING unnest($6::uuid[], $4::text[], $7::text[], $8::text[]) AS x(id, c, serial, worker)
                WHERE t.id = x.id AND t.data ->> {Literal(clientKey)} = x.c AND t.data ->> {Literal(serialKey)} = x.serial
                  AND (x.worker IS NULL OR t.data ->> {Literal(workerKey)} IS NULL OR t.data ->> {Literal(workerKey)} = x.worker)
                RETURNING t.id
            ), kept AS (
                SELECT e.i, e.c, e.doc, e.closes,
                       row_number() OVER (PARTITION BY e.closes ORDER BY e.i) AS nth_closing
                FROM unnest($4::text[], $5::text[], $6::uuid[]) WITH ORDINALITY AS e(c, doc, closes, i)
                WHERE e.closes IS NULL OR e.closes IN (SELECT id FROM closed)
            ), chosen AS (
                SELECT k.i, k.c, k.doc, row_number() OVER (PARTITION BY k.c ORDER BY k.i) AS k
                FROM kept k
                WHERE k.closes IS NULL OR k.nth_closing = 1
            ), bumped AS (
                UPDATE {counters} k SET last_seq = k.last_seq + w.n
                FROM (SELECT c, count(*)::int AS n FROM chosen GROUP BY c) AS w
                WHERE k.client_id = w.c
                RETURNING k.client_id, k.last_seq, w.n, pg_notify($2, $3 || ' ' || k.last_seq || ' ' || k.client_id) AS notified
            ), numbered AS (
                SELECT ch.i, ch.c || '/' || lpad((b.last_seq - b.n + ch.k)::text, 19, '0') AS id, b.last_seq - b.n + ch.k AS seq, ch.doc
                FROM chosen ch JOIN bumped b ON b.client_id = ch.c
            ), stored AS (
                INSERT INTO {records} (id, data, mt_dotnet_type)
                SELECT n.id, n.doc::jsonb || jsonb_build_object({Literal(idKey)}, n.id, {Literal(seqKey)}, n.seq), {Literal(typeof(ClientEventRecord).FullName!)}
                FROM numbered n
            )
            SELECT i, seq FROM numbered
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

    /// <summary>The JSON names of a ticket's client, board and worker, as Marten's serializer writes them.</summary>
    private static (string Client, string Serial, string Worker) TicketKeysOf(ISerializer serializer)
    {
        using var json = JsonDocument.Parse(serializer.ToJson(new Evaluations.EvaluationTicket { ClientId = "probe-client", Serial = "probe-serial", Worker = "probe-worker" }));
        string Named(string value) => json.RootElement.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == value).Name;
        return (Named("probe-client"), Named("probe-serial"), Named("probe-worker"));
    }

    private static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
