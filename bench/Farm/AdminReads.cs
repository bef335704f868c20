using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace IceFarm.Bench.Farm;

/// <summary>
/// What an operator's table costs: the admin API's device table, workers list and counts, timed as a client sees them,
/// with the process's CPU time and allocations per request. The machine is shared, so wall times are noisy; CPU and
/// allocations (AdminApi and the bench's client in one process, the services idle) say whether a change helped.
/// </summary>
internal static class AdminReads
{
    private const int Samples = 50;
    private const int WarmUps = 40;

    public static async Task ReportAsync(BenchFarm farm, int boards)
    {
        using var http = new HttpClient { BaseAddress = farm.AdminAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", farm.AdminToken);
        var buffer = new byte[64 * 1024];
        foreach (var path in new[] { "api/admin/devices", "api/admin/devices?worker=bench-pulsecount-0001", "api/admin/workers", "api/admin/availability" })
        {
            var cost = await TimeAsync(farm, path, Samples, async () =>
            {
                // Timed to the last byte, but drained through one reused buffer: buffering the 2 MB answer in the
                // bench (in the services' process) would put the client's garbage collections into the server's figures.
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                long length = 0;
                for (int read; (read = await body.ReadAsync(buffer)) > 0;)
                {
                    length += read;
                }

                return length;
            });
            Console.WriteLine(cost.Describe(boards, $"admin GET /{path}"));
        }
    }

    /// <summary>Runs <paramref name="request"/> to warm up, then <paramref name="samples"/> times in a row.</summary>
    /// <remarks>
    /// A long-running server answers from fully optimised code; .NET recompiles a method at its optimised tier after some 30
    /// calls and a short delay, so a single warm-up request timed the first two thirds of the samples on unoptimised code.
    /// </remarks>
    public static async Task<RequestCost> TimeAsync(BenchFarm farm, string what, int samples, Func<Task<long>> request)
    {
        var bytes = 0L;
        for (var i = 0; i < WarmUps; i++)
        {
            bytes = await request();
        }

        await Task.Delay(TimeSpan.FromMilliseconds(250)); // the tiering delay (100 ms) and the background recompilation
        using var profile = await LoadProfile.StartAsync(farm.ConnectionString);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = await request();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / samples;
        var allocatedKb = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1024.0 / samples;
        var database = await profile.StopAsync(samples);
        times.Sort();
        return new RequestCost(what, times, cpuMs, allocatedKb, database.DatabaseCpuMs, database.Commands, bytes);
    }
}

/// <summary>
/// Latencies of one request in a row, with the process's CPU milliseconds and kilobytes allocated per request, and the CPU
/// milliseconds of the PostgreSQL backends and the SQL commands (round trips) per request.
/// </summary>
internal sealed record RequestCost(string What, List<double> Times, double CpuMs, double AllocatedKb, double DatabaseCpuMs, double Commands, long Bytes)
{
    public string Describe(int boards, string label) => string.Create(CultureInfo.InvariantCulture,
        $"[{boards,6} boards] {label}: p50 {Percentiles.Of(Times, 50):F1} ms, p99 {Percentiles.Of(Times, 99):F1} ms, " +
        $"per request: CPU {CpuMs:F1} ms (whole process) + {DatabaseCpuMs:F1} ms PostgreSQL, {Commands:F1} SQL commands, {AllocatedKb:F0} KB allocated; " +
        $"{Bytes / 1024.0:F1} KB answer");
}
