using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using Marten;
using Npgsql;

namespace IceFarm.AdminApi.Farm;

/// <summary>
/// The device table in plain SQL over the <see cref="DeviceView"/> projection's table, joined by key with the board's
/// holder (<see cref="BoardHolder"/>) and its reservation (<see cref="ReservationView"/>: client, kind, expiry). Marten's
/// LINQ <c>Select</c> builds a jsonb object per row and its <c>OrderBy</c> sorts wide rows: at 10,000 boards that was four
/// fifths of the request. Here PostgreSQL only extracts the nine fields (and a held board's hold) as text (and groups for
/// the counts); .NET sorts and writes.
/// </summary>
internal sealed class DeviceTable(IDocumentStore store)
{
    private static readonly string[] Fields =
    [
        Field(nameof(DeviceView.Serial)), Field(nameof(DeviceView.Worker)), Field(nameof(DeviceView.State)), Field(nameof(DeviceView.Health)),
        Field(nameof(DeviceView.Reason)), $"r.data ->> '{nameof(ReservationView.ClientId)}'", $"h.data ->> '{nameof(BoardHolder.ReservationId)}'",
        $"r.data ->> '{nameof(ReservationView.Kind)}'", $"r.data ->> '{nameof(ReservationView.ExpiresAt)}'",
    ];

    // Almost no board is held: one lookup per row, and the hold's four fields only for those that are, as one JSON object.
    private static readonly string HoldColumn =
        $"CASE WHEN {Field(nameof(DeviceView.Hold))} IS NULL THEN NULL ELSE jsonb_build_object(" +
        $"'hold', {Field(nameof(DeviceView.Hold))}, 'by', {Field(nameof(DeviceView.HeldBy))}, " +
        $"'reason', {Field(nameof(DeviceView.HoldReason))}, 'since', d.data -> '{nameof(DeviceView.HeldSince)}')::text END";

    private static readonly string Columns = string.Join(", ", Fields.Append(HoldColumn));

    /// <summary>The table's order: worker, then serial, both ordinal (PostgreSQL's <c>COLLATE "C"</c>).</summary>
    public static Comparison<DeviceRow> TableOrder { get; } = (a, b) =>
        string.CompareOrdinal(a.Worker, b.Worker) is var byWorker and not 0 ? byWorker : string.CompareOrdinal(a.Serial, b.Serial);

    /// <summary>
    /// The boards (<c>d</c>), each with its holder (<c>h</c>) and the holder's reservation (<c>r</c>) when it has one; a
    /// reservation's document id is its stream id (<c>StreamIds.Reservation</c>: the guid without dashes).
    /// </summary>
    private string Table => field ??=
        $"{TableOf(typeof(DeviceView))} AS d LEFT JOIN {TableOf(typeof(BoardHolder))} AS h ON h.id = {Field(nameof(DeviceView.Serial))} " +
        $"LEFT JOIN {TableOf(typeof(ReservationView))} AS r ON r.id = 'reservation-' || replace(h.data ->> '{nameof(BoardHolder.ReservationId)}', '-', '')";

    private string TableOf(Type document) => store.Options.FindOrResolveDocumentType(document).TableName.QualifiedName;

    /// <summary>Every board matching the filter, in table order.</summary>
    public async Task<List<DeviceRow>> ReadAsync(DeviceFilter filter, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM {Table}{Where(filter, out var parameters)}", connection);
        command.Parameters.AddRange(parameters);
        var rows = new List<DeviceRow>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(Read(reader));
            }
        }

        // Sorting 10,000 pairs of short strings costs .NET a millisecond; PostgreSQL needed twenty to sort the wide rows.
        rows.Sort(TableOrder);
        return rows;
    }

    /// <summary>One page of the table and how many boards match in all, in one round trip.</summary>
    public async Task<(List<DeviceRow> Rows, int Total)> PageAsync(DeviceFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var where = Where(filter, out var countParameters);
        _ = Where(filter, out var pageParameters);
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand($"SELECT count(*)::int FROM {Table}{where}");
        count.Parameters.AddRange(countParameters);
        var page = new NpgsqlBatchCommand(
            $"SELECT {Columns} FROM {Table}{where} ORDER BY {Field(nameof(DeviceView.Worker))} COLLATE \"C\", {Field(nameof(DeviceView.Serial))} COLLATE \"C\" LIMIT {limit} OFFSET {offset}");
        page.Parameters.AddRange(pageParameters);
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(ct);
        var rows = new List<DeviceRow>(limit);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }

        return (rows, total);
    }

    /// <summary>Boards per worker and state, and how many of them are reserved: a few hundred rows instead of 10,000.</summary>
    public async Task<List<DeviceCountRow>> CountsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"SELECT {Field(nameof(DeviceView.Worker))}, {Field(nameof(DeviceView.State))}, count(*)::int, count(h.id)::int, " +
            $"(count(*) FILTER (WHERE h.id IS NULL AND {Field(nameof(DeviceView.Hold))} IS NOT NULL))::int " +
            $"FROM {Table} GROUP BY 1, 2", connection);
        var rows = new List<DeviceCountRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DeviceCountRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>The filter as SQL on the same expressions Marten indexes (worker and state), values as parameters.</summary>
    private static string Where(DeviceFilter filter, out NpgsqlParameter[] parameters)
    {
        var clauses = new List<string>(3);
        var values = new List<NpgsqlParameter>(3);
        void Add(string field, string? value)
        {
            if (value is not null)
            {
                clauses.Add($"{field} = ${values.Count + 1}");
                values.Add(new NpgsqlParameter { Value = value });
            }
        }

        Add(Field(nameof(DeviceView.Worker)), filter.Worker);
        Add(Field(nameof(DeviceView.State)), filter.State?.ToString());
        Add($"r.data ->> '{nameof(ReservationView.ClientId)}'", filter.Client);
        parameters = [.. values];
        return clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
    }

    private static string Field(string name) => $"d.data ->> '{name}'";

    private static DeviceRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9));

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
