using System.Globalization;

namespace IceFarm.Bench.Farm;

/// <summary>
/// The reservation service's figures: a real service against the local PostgreSQL and RabbitMQ, the bench playing the
/// workers on the bus. Heartbeat ingestion cost, reserve latency and throughput, projection lag and admin reads per farm size.
/// </summary>
internal static class FarmSuite
{
    /// <summary>The machine is shared: figures are only comparable with the load they were taken under.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static async Task RunAsync(BenchOptions options)
    {
        var sizes = options.Boards;
        var clients = options.Clients;
        var reservations = options.Reservations;
        Console.WriteLine($"farm suite: {clients} concurrent clients, {reservations} reservations per size");
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
            var profile = await LoadProfile.StartAsync(farm.ConnectionString);
            var load = await ReserveLoad.RunAsync(farm, "pulsecount", clients, reservations);
            var cost = await profile.StopAsync(load.LatenciesMs.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{boards,6} boards] reserve, closed loop (no think time): p50 {Percentiles.Of(load.LatenciesMs, 50):F1} ms, p99 {Percentiles.Of(load.LatenciesMs, 99):F1} ms, " +
                $"max {load.LatenciesMs[^1]:F1} ms, {load.LatenciesMs.Count / load.Wall.TotalSeconds:F0} reservations/s (each also ended), {load.Refused} refused; " +
                $"end p50 {Percentiles.Of(load.EndLatenciesMs, 50):F1} ms, p99 {Percentiles.Of(load.EndLatenciesMs, 99):F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{boards,6} boards] per reserve+end cycle: CPU {cost.CpuMs:F1} ms (whole process, clients included) + {cost.DatabaseCpuMs:F1} ms PostgreSQL, " +
                $"{cost.Commands:F1} SQL commands ({cost.Failed:F2} failed), {cost.Transactions:F1} transactions; machine load average {LoadAverage()}"));

            var think = TimeSpan.FromMilliseconds(options.GetInt("think-ms", 5000));
            var paced = await ReserveLoad.RunAsync(farm, "pulsecount", clients, reservations, think);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{boards,6} boards] paced reserve ({clients} clients, each every {think.TotalSeconds * 0.5:F1}–{think.TotalSeconds * 1.5:F1} s + its cycle, " +
                $"{paced.LatenciesMs.Count / paced.Wall.TotalSeconds:F0} reservations/s): p50 {Percentiles.Of(paced.LatenciesMs, 50):F1} ms, " +
                $"p99 {Percentiles.Of(paced.LatenciesMs, 99):F1} ms, max {paced.LatenciesMs[^1]:F1} ms, {paced.Refused} refused; " +
                $"end p50 {Percentiles.Of(paced.EndLatenciesMs, 50):F1} ms, p99 {Percentiles.Of(paced.EndLatenciesMs, 99):F1} ms; machine load average {LoadAverage()}"));

            var lag = await ProjectionLag.MeasureAsync(farm, "bench-pulsecount-0000", "P000000000000000", 50);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{boards,6} boards] projection lag (worker publish → device view): p50 {Percentiles.Of(lag, 50):F1} ms, p99 {Percentiles.Of(lag, 99):F1} ms"));

            await AdminReads.ReportAsync(farm, boards);
            await AdminPanelPages.ReportAsync(farm, boards);
        }
    }
}
