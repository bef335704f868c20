using System.Diagnostics;
using System.Globalization;
using IceFarm.Contracts.Bitstreams;
using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.Bench.Sdk;

/// <summary>Turns the per-evaluation timestamps into hop durations, the board's own time, the farm's overhead and board idle gaps.</summary>
internal sealed class HopBreakdown(HopClock clock, SimulationProfile profile)
{
    /// <summary>The hops in order, each as a duration in milliseconds; the board's own time is left out of the worker's hop.</summary>
    private IEnumerable<(string Name, Func<HopTimes, double> Ms)> Hops =>
    [
        ("SDK POST → service pipeline has it (connect, headers)", t => Ms(t.SubmitStart, t.RequestStart)),
        ("service: body, multipart, validate… (Postgres time left out)", t => Ms(t.RequestStart, t.SendStart) - t.RequestDbMs),
        ("service: Postgres before the send (reservation, ledger, tickets)", t => t.RequestDbMs),
        ("service send → broker confirm", t => Ms(t.SendStart, t.SendEnd)),
        ("  (in parallel) broker confirm → SDK has the 202 (other sends of the POST)", t => Ms(t.SendEnd, t.SubmitAnswered)),
        ("service send → worker consumes command (before the confirm is back)", t => Ms(t.SendStart, t.WorkerConsumed)),
        ("worker consumed → board starts (board's queue, serial prep)", t => Ms(t.WorkerConsumed, t.ResultRead) - BoardMs(t)),
        ("board's own time (transfer + FPGA load + window)", BoardMs),
        ("result line read → worker publishes", t => Ms(t.ResultRead, t.WorkerPublished)),
        ("worker publishes → service consumes result", t => Ms(t.WorkerPublished, t.ResultConsumed)),
        ("service consumes → event stored (ledger, JSON, Postgres)", t => Ms(t.ResultConsumed, t.ResultStored)),
        ("event stored → SDK yields (SSE, parse, channel)", t => Ms(t.ResultStored, t.Yielded)),
    ];

    /// <summary>The board's own time for one evaluation: the transfer the firmware reported, the FPGA load and the window.</summary>
    public double BoardMs(HopTimes t) =>
        (t.TransferMicroseconds is { } us ? us / 1000.0 : Ice40Bitstream.Up5kSize / profile.BitstreamBytesPerSecond * 1000)
        + profile.CramLoad.TotalMilliseconds + profile.PulseWindow.TotalMilliseconds;

    /// <summary>The board time of the profile with no transfer jitter.</summary>
    public double NominalBoardMs =>
        (Ice40Bitstream.Up5kSize / profile.BitstreamBytesPerSecond * 1000) + profile.CramLoad.TotalMilliseconds + profile.PulseWindow.TotalMilliseconds;

    /// <summary>Evaluations for which every hop was seen.</summary>
    public List<HopTimes> Complete() =>
        [.. clock.All.Values.Where(t => t.SubmitStart != 0 && t.RequestStart != 0 && t.SendStart != 0 && t.SendEnd != 0 && t.WorkerConsumed != 0
            && t.ResultRead != 0 && t.WorkerPublished != 0 && t.ResultConsumed != 0 && t.ResultStored != 0 && t.Yielded != 0)];

    /// <summary>SDK upload to SDK result, minus the board's own time.</summary>
    public List<double> OverheadMs(IEnumerable<HopTimes> times) =>
        [.. times.Select(t => Ms(t.SubmitStart, t.Yielded) - BoardMs(t))];

    /// <summary>Per board, the time between one result being read and the board starting the next bitstream.</summary>
    public List<double> BoardIdleMs(IEnumerable<HopTimes> times) =>
        [.. times.GroupBy(t => t.Serial).SelectMany(board =>
        {
            var ordered = board.OrderBy(t => t.ResultRead).ToList();
            return ordered.Skip(1).Select((t, i) => Ms(ordered[i].ResultRead, t.ResultRead) - BoardMs(t));
        })];

    /// <summary>The uploads as the SDK made them: how many, how long each took, and how much of the run had one in flight.</summary>
    public (int Posts, List<double> DurationsMs, double BusyFraction) Uploads(IEnumerable<HopTimes> times, TimeSpan wall)
    {
        var posts = times.Select(t => (t.SubmitStart, t.SubmitAnswered)).Distinct().OrderBy(p => p.SubmitStart).ToList();
        var busy = 0.0;
        var until = 0L;
        foreach (var (start, end) in posts)
        {
            // Overlapping uploads count once: this is the share of the run with at least one upload open.
            busy += Ms(Math.Max(start, until), Math.Max(end, until));
            until = Math.Max(until, end);
        }

        return (posts.Count, [.. posts.Select(p => Ms(p.SubmitStart, p.SubmitAnswered))], busy / wall.TotalMilliseconds);
    }

    public void PrintHops(IReadOnlyList<HopTimes> times, string prefix)
    {
        foreach (var (name, ms) in Hops)
        {
            Console.WriteLine($"{prefix}  {name,-72} {Stats([.. times.Select(ms)])}");
        }
    }

    public static string Stats(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return "no samples";
        }

        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Percentiles.Of(sorted, 50),8:F1} ms  p99 {Percentiles.Of(sorted, 99),8:F1} ms  mean {sorted.Average(),8:F1} ms");
    }

    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
