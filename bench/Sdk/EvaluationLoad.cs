using System.Diagnostics;
using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;

namespace IceFarm.Bench.Sdk;

/// <summary>One <c>Lease.EvaluateAsync</c> run through the public SDK, timed, with every result checked off.</summary>
internal static class EvaluationLoad
{
    public const string Kind = "pulsecount";

    /// <summary>Distinct generated bitstreams (each a valid 104,090-byte UP5K image).</summary>
    public static List<Bitstream> Bitstreams(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Bitstream($"b{i:D5}", BitstreamGenerator.Generate(new CircuitDesign(1_000 + (i * 3), Seed: i))))];

    /// <summary>Reserves <paramref name="boards"/> boards and runs <paramref name="bitstreams"/> over them once each.</summary>
    public static async Task<LoadResult> RunAsync(SdkFarm farm, int boards, IReadOnlyList<Bitstream> bitstreams, int windowPerBoard, TimeSpan deadline)
    {
        using var stop = new CancellationTokenSource(deadline);
        var reserving = Stopwatch.GetTimestamp();
        var reserveCpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using var lease = await farm.Client.ReserveAsync(Kind, boards, TimeSpan.FromMinutes(1), ct: stop.Token);
        await lease.WaitUntilReadyAsync(stop.Token);
        var ready = new Readiness(Stopwatch.GetElapsedTime(reserving), Process.GetCurrentProcess().TotalProcessorTime - reserveCpu);
        if (farm.Clock.Recording)
        {
            // A clean run records nothing, so it keeps what the previous (stamped) run recorded for the report.
            farm.Clock.Reset();
            farm.Db.Reset();
        }

        var options = new EvaluationOptions { WindowPerBoard = windowPerBoard };
        var results = new List<EvaluationResult>(bitstreams.Count);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gc = GcDuring.Now();
        var machine = MachineCpu.Now();
        var started = Stopwatch.GetTimestamp();
        await foreach (var result in lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard, options, stop.Token))
        {
            if (farm.Clock.Recording)
            {
                farm.Clock[result.EvaluationId].Yielded = HopClock.Now;
            }

            results.Add(result);
        }

        var wall = Stopwatch.GetElapsedTime(started);
        return new LoadResult(
            results, wall, started, CheckAccounting(bitstreams, results), Process.GetCurrentProcess().TotalProcessorTime - cpu, GcDuring.Now() - gc)
        {
            Ready = ready,
            Machine = MachineCpu.Now() - machine,
        };
    }

    /// <summary>Null when every bitstream has exactly one successful result; otherwise what is wrong.</summary>
    private static string? CheckAccounting(IReadOnlyList<Bitstream> bitstreams, List<EvaluationResult> results)
    {
        var missing = bitstreams.Select(b => b.Label).Except(results.Select(r => r.Label), StringComparer.Ordinal).Count();
        var duplicates = results.Count - results.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count();
        var failed = results.Where(r => !r.Succeeded).ToList();
        if (missing == 0 && duplicates == 0 && failed.Count == 0)
        {
            return null;
        }

        var firstFailure = failed.FirstOrDefault() is { } f ? $"; first failure: {f.Label} on {f.Serial}: {f.FailureReason}" : "";
        return $"{missing} missing, {duplicates} duplicated, {failed.Count} failed{firstFailure}";
    }
}
