// IceFarm benchmark: a real ReservationService against the local PostgreSQL and RabbitMQ (the test servers), with the
// bench playing the workers on the bus. Prints heartbeat ingestion cost, reserve latency and throughput, and projection
// lag for each farm size. Usage: dotnet run -c Release --project bench -- [--boards 1000,10000] [--clients 100] [--reservations 2000]
using System.Globalization;
using IceFarm.Bench;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "", StringComparer.Ordinal);
var sizes = (options.GetValueOrDefault("boards") is { Length: > 0 } b ? b : "1000,10000").Split(',').Select(int.Parse).ToArray();
var clients = int.Parse(options.GetValueOrDefault("clients") is { Length: > 0 } c ? c : "100", CultureInfo.InvariantCulture);
var reservations = int.Parse(options.GetValueOrDefault("reservations") is { Length: > 0 } r ? r : "2000", CultureInfo.InvariantCulture);

Console.WriteLine($"IceFarm bench: {Environment.ProcessorCount} cores, {clients} concurrent clients, {reservations} reservations per size");
foreach (var boards in sizes)
{
    await using var farm = await BenchFarm.StartAsync();
    var ingest = await HeartbeatIngestion.AnnounceAsync(farm, boards, boardsPerWorker: 200, kind: "pulsecount");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{boards,6} boards] heartbeat ingestion: {ingest.Heartbeats} heartbeats announcing {boards} new boards in {ingest.Wall.TotalMilliseconds:F0} ms, " +
        $"CPU {ingest.Cpu.TotalMilliseconds:F0} ms ({ingest.Cpu.TotalMilliseconds / boards:F2} ms per board, whole process)"));

    // Steady state: heartbeats that change nothing, as every worker sends every 5 s.
    var steady = await HeartbeatIngestion.AnnounceAsync(farm, boards, boardsPerWorker: 200, kind: "pulsecount");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{boards,6} boards] steady heartbeats: {steady.Heartbeats} in {steady.Wall.TotalMilliseconds:F0} ms, CPU {steady.Cpu.TotalMilliseconds / steady.Heartbeats:F1} ms per heartbeat of 200 boards"));

    await ReserveLoad.RunAsync(farm, "pulsecount", clients, Math.Min(200, reservations)); // warm-up
    var load = await ReserveLoad.RunAsync(farm, "pulsecount", clients, reservations);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{boards,6} boards] reserve: p50 {Percentiles.Of(load.LatenciesMs, 50):F1} ms, p99 {Percentiles.Of(load.LatenciesMs, 99):F1} ms, " +
        $"max {load.LatenciesMs[^1]:F1} ms, {load.LatenciesMs.Count / load.Wall.TotalSeconds:F0} reservations/s (each also ended), {load.Refused} refused; " +
        $"end p50 {Percentiles.Of(load.EndLatenciesMs, 50):F1} ms, p99 {Percentiles.Of(load.EndLatenciesMs, 99):F1} ms"));

    var lag = await ProjectionLag.MeasureAsync(farm, "bench-pulsecount-0000", "P000000000000000", 50);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{boards,6} boards] projection lag (worker publish → device view): p50 {Percentiles.Of(lag, 50):F1} ms, p99 {Percentiles.Of(lag, 99):F1} ms"));

    foreach (var path in new[] { "api/admin/devices", "api/admin/workers", "api/admin/availability" })
    {
        var times = await AdminReads.TimeAsync(farm, path, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{boards,6} boards] admin GET /{path}: p50 {Percentiles.Of(times, 50):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms"));
    }
}
