using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// The SDK's figures (issue 6): a whole farm in this process against the local PostgreSQL and RabbitMQ, driven through
/// the public SDK. Throughput with the fast simulator profile, overhead per evaluation with the realistic one, and the raw
/// ceiling of one MassTransit/RabbitMQ hop for a bitstream-sized message, measured in the same run.
/// </summary>
internal static class SdkSuite
{
    public static async Task RunAsync(BenchOptions options)
    {
        // 32 boards: with 8 fast boards the boards alone cap the run at 341 evaluations/s, below half the raw hop.
        var boards = options.GetInt("sdk-boards", 32);
        var bitstreams = options.GetInt("sdk-bitstreams", 3_000);
        var realisticPerBoard = options.GetInt("sdk-realistic-per-board", 6);

        // A reservation of 8, as the earlier figures; with 32 boards in lockstep (window 1, equal board times) all 32
        // results and the 32 next uploads arrive in the same few milliseconds, and the figure measures that burst.
        var realisticBoards = options.GetInt("sdk-realistic-boards", 8);
        var realisticWarmUp = Math.Clamp(options.GetInt("sdk-realistic-warmup-per-board", realisticPerBoard), 1, realisticPerBoard);
        var hopMessages = options.GetInt("hop-messages", 2_000);
        var window = options.GetInt("sdk-window", 4);
        var warmups = options.GetInt("sdk-warmup-runs", 3);

        // Any of hop, fast, realistic (all by default): a change is often measured on one phase alone.
        var phases = options.Get("sdk-phases", "hop,fast,realistic").Split(',', StringSplitOptions.TrimEntries);
        Console.WriteLine($"sdk suite: {boards} simulated boards, {bitstreams} bitstreams (fast), {realisticPerBoard} per board on {realisticBoards} boards (realistic), {hopMessages} raw-hop messages");

        // Both sides are measured warm, as a farm that has been running for a while is: the JIT's later tiers and the heap
        // settle over the first few thousand messages. The hop keeps speeding up over its first rounds (cold ≈ 900 msg/s
        // here, ≈ 1,900 after a whole boards suite in the same process), so the ceiling is its best of five rounds.
        var hops = await RoundsAsync(phases.Contains("hop"), hopMessages, throughHttp: false);
        var pipelined = hops.MaxBy(h => h.PerSecond);
        if (pipelined is not null)
        {
            await PrintHopAsync(hops, pipelined, hopMessages);
        }

        // Beside the ceiling, not instead of it: the same hop behind the least HTTP front (docs/sdk.md, session 4).
        var uploads = await RoundsAsync(phases.Contains("hop"), hopMessages, throughHttp: true);
        var upload = uploads.MaxBy(h => h.PerSecond);
        if (upload is not null)
        {
            Print($"raw upload + hop (HTTP POST of the bytes → Kestrel → MassTransit → RabbitMQ → consumer, 64 in flight) rounds: " +
                $"{Rates(uploads)} msg/s; best {upload.PerSecond:F0}; " +
                $"machine CPU per message {upload.Machine.Describe(upload.Messages)}; busy {upload.Machine.BusyPercent(upload.Wall):F0}%");
        }

        var fast = phases.Contains("fast") ? await ThroughputAsync(boards, bitstreams, window, warmups) : (double?)null;
        if (fast is { } perSecond && pipelined is not null && upload is not null)
        {
            Print($"ratio: end-to-end {perSecond:F0} evaluations/s ÷ raw hop {pipelined.PerSecond:F0} msg/s = {perSecond / pipelined.PerSecond:F2} (goal ≥ 0.50)");
            Print($"for reference (not the goal): end-to-end ÷ raw upload + hop {upload.PerSecond:F0} msg/s = {perSecond / upload.PerSecond:F2}");
        }

        if (phases.Contains("realistic"))
        {
            await OverheadAsync(realisticBoards, realisticPerBoard, realisticWarmUp);
        }
    }

    private static async Task PrintHopAsync(List<RawHopResult> hops, RawHopResult pipelined, int hopMessages)
    {
        Print($"raw hop rounds (64 in flight): {Rates(hops)} msg/s; the best counts");
        var serial = await RawHop.MeasureAsync(Math.Min(hopMessages, 500), inFlight: 1);
        Print($"raw hop (MassTransit → RabbitMQ → consumer, {pipelined.PayloadBytes:N0}-byte body, {pipelined.WireBytes:N0} bytes on the wire): " +
            $"{pipelined.PerSecond:F0} msg/s with {pipelined.InFlight} sends in flight, {serial.PerSecond:F0} msg/s one send at a time " +
            $"({serial.Wall.TotalMilliseconds / serial.Messages:F2} ms per confirmed send); CPU {pipelined.CpuMsPerMessage:F2} ms per message (producer + consumer, broker not counted)");
        Print($"raw hop, machine CPU per message in the best round: {pipelined.Machine.Describe(pipelined.Messages)}; the machine was busy {pipelined.Machine.BusyPercent(pipelined.Wall):F0}% of the round");

        foreach (var (what, ms) in CpuCosts.Measure(100))
        {
            Print($"cpu per bitstream: {what,-66} {ms,7:F2} ms");
        }
    }

    /// <summary>Five rounds of 64 sends in flight, none when <paramref name="run"/> is false; the hop keeps speeding up over its first rounds.</summary>
    private static async Task<List<RawHopResult>> RoundsAsync(bool run, int messages, bool throughHttp)
    {
        var rounds = new List<RawHopResult>();
        for (var round = 0; run && round < 5; round++)
        {
            rounds.Add(await RawHop.MeasureAsync(messages, inFlight: 64, throughHttp));
        }

        return rounds;
    }

    private static string Rates(IEnumerable<RawHopResult> rounds) =>
        string.Join(", ", rounds.Select(h => h.PerSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>(1) Evaluations per second end to end with the fast profile; returns that figure.</summary>
    private static async Task<double> ThroughputAsync(int boards, int count, int window, int warmups)
    {
        await using var farm = await SdkFarm.StartAsync(boards, "fast");
        await farm.WaitForBoardsAsync(EvaluationLoad.Kind, boards);
        var breakdown = new HopBreakdown(farm.Clock, SimulationProfile.Fast);
        var bitstreams = EvaluationLoad.Bitstreams(count);
        for (var warmup = 0; warmup < warmups; warmup++)
        {
            var warm = await EvaluationLoad.RunAsync(farm, boards, bitstreams, window, TimeSpan.FromMinutes(10));
            Print($"[fast] warm-up run {warmup + 1} of {warmups}: {warm.PerSecond:F0} evaluations/s, CPU {warm.CpuMsPerResult:F1} ms per evaluation (not counted); " +
                $"{warm.Ready.Describe(boards)}; {await BackAsync(farm, boards)}");
        }

        // Each run's lease ended, so its boards reflashed the default firmware; they are back: the farm is idle now.
        var idleCpuPerSecond = await IdleCpuMsPerSecondAsync();

        // Where the time goes: a run with every hop stamped (the stamping costs throughput of its own).
        var run = await EvaluationLoad.RunAsync(farm, boards, bitstreams, window, TimeSpan.FromMinutes(10));
        var times = breakdown.Complete();
        await farm.WaitForBoardsAsync(EvaluationLoad.Kind, boards);

        // The figure: a clean run, last (the farm keeps warming up), with the bench's stamping, statement tally and
        // answer parsing switched off.
        farm.Clock.Recording = farm.Db.Recording = false;
        var clean = await EvaluationLoad.RunAsync(farm, boards, bitstreams, window, TimeSpan.FromMinutes(10));
        Print($"[fast] clean run: {clean.Ready.Describe(boards)}; {await BackAsync(farm, boards)}");
        Print($"[fast] end-to-end: {clean.Results.Count} results for {count} bitstreams over {boards} boards (AnyBoard, window {window}) in {clean.Wall.TotalSeconds:F2} s " +
            $"= {clean.PerSecond:F0} evaluations/s, CPU {clean.CpuMsPerResult:F1} ms per evaluation (whole process); {(clean.AccountingError is null ? "every bitstream exactly one successful result" : "NOT ACCOUNTED: " + clean.AccountingError)}");
        Print($"[fast] the idle farm (heartbeats, periodic checks) uses {idleCpuPerSecond:F0} ms CPU per second; without it, " +
            $"{(clean.Cpu.TotalMilliseconds - (idleCpuPerSecond * clean.Wall.TotalSeconds)) / clean.Results.Count:F1} ms CPU per evaluation");
        Print($"[fast] GC: {clean.Gc.Describe(clean.Results.Count, clean.Wall)}");
        Print($"[fast] machine CPU per evaluation: {clean.Machine.Describe(clean.Results.Count)}; the machine was busy {clean.Machine.BusyPercent(clean.Wall):F0}% of the run");

        var ceiling = boards * 1000 / breakdown.NominalBoardMs;
        Print($"[fast] instrumented run: {run.PerSecond:F0} evaluations/s, CPU {run.CpuMsPerResult:F1} ms per evaluation; the figures below are from it (it ran before the clean one)");
        Print($"[fast] the boards alone could do {ceiling:F0} evaluations/s ({breakdown.NominalBoardMs:F1} ms each); busy {100 * times.Sum(breakdown.BoardMs) / (boards * run.Wall.TotalMilliseconds):F0}% of the run");
        PrintTransport(farm.Clock, run.Results.Count);
        var (posts, postMs, postBusy) = breakdown.Uploads(times, run.Wall);
        Print($"[fast] uploads: {posts} POSTs, {HopBreakdown.Stats(postMs)} each; an upload was open {100 * postBusy:F0}% of the run");
        Console.WriteLine($"[fast] per-evaluation hops ({times.Count} with every hop seen):");
        breakdown.PrintHops(times, "[fast]");
        Console.WriteLine($"[fast]  {"board idle between a result and its next bitstream",-72} {HopBreakdown.Stats(breakdown.BoardIdleMs(times))}");
        PrintDb("[fast]", farm.Db, times, run.Results.Count);

        var capacity = await FarmCapacity.RunAsync(farm, boards, bitstreams, window, TimeSpan.FromMinutes(10));
        Print($"[fast] without EvaluateAsync (one uploader per board, 1 bitstream per POST, window {window}, raw event stream): " +
            $"{capacity.Results / capacity.Wall.TotalSeconds:F0} evaluations/s, {capacity.Results} results ({capacity.Failed} failed), " +
            $"CPU {capacity.Cpu.TotalMilliseconds / Math.Max(1, capacity.Results):F1} ms per evaluation");
        return clean.PerSecond;
    }

    /// <summary>(2) The farm's overhead per evaluation with the realistic profile: latency minus the board's own time.</summary>
    private static async Task OverheadAsync(int boards, int perBoard, int warmUpPerBoard)
    {
        await using var farm = await SdkFarm.StartAsync(boards, "realistic");
        await farm.WaitForBoardsAsync(EvaluationLoad.Kind, boards);
        var breakdown = new HopBreakdown(farm.Clock, SimulationProfile.Realistic);
        var bitstreams = EvaluationLoad.Bitstreams(boards * perBoard);

        // Warm-up, as for the fast run: the first uploads open the service's database connections (≈ 170 ms each here),
        // and a farm that has been running has its hot paths compiled at the JIT's final tier. With the realistic phase run
        // alone and one warm-up evaluation per board, a perf profile of the measured run had 43% of the process's samples in
        // the JIT (tier-up), and the hops between processes were 2–5 ms longer; so the warm-up is a whole round.
        await EvaluationLoad.RunAsync(farm, boards, bitstreams[..(boards * warmUpPerBoard)], 1, TimeSpan.FromMinutes(5));
        await farm.WaitForBoardsAsync(EvaluationLoad.Kind, boards);

        // Window 1: each bitstream is sent when its board's previous result arrived, so its latency is the whole trip.
        var single = await EvaluationLoad.RunAsync(farm, boards, bitstreams, 1, TimeSpan.FromMinutes(10));
        var times = breakdown.Complete();
        var overhead = breakdown.OverheadMs(times);
        Print($"[realistic] {single.Results.Count} results over {boards} boards, window 1, in {single.Wall.TotalSeconds:F1} s; " +
            $"{(single.AccountingError is null ? "all accounted for" : "NOT ACCOUNTED: " + single.AccountingError)}; board's own time {breakdown.NominalBoardMs:F1} ms nominal");
        Print($"[realistic] overhead per evaluation (SDK upload → SDK result, minus the board's own time): {HopBreakdown.Stats(overhead)} (goal < 20 ms)");
        breakdown.PrintHops(times, "[realistic]");
        PrintDb("[realistic]", farm.Db, times, single.Results.Count);

        // The SDK's default window: what a user running many bitstreams sees.
        var windowed = await EvaluationLoad.RunAsync(farm, boards, bitstreams, 4, TimeSpan.FromMinutes(10));
        var windowedTimes = breakdown.Complete();
        var perEvaluation = boards * windowed.Wall.TotalMilliseconds / windowed.Results.Count;
        Print($"[realistic] window 4: {windowed.PerSecond:F2} evaluations/s, {perEvaluation:F1} ms of board time per evaluation " +
            $"= {perEvaluation - windowedTimes.Average(breakdown.BoardMs):F1} ms over the board's own (includes the run's start and drain); " +
            $"board idle between results {HopBreakdown.Stats(breakdown.BoardIdleMs(windowedTimes))}; " +
            $"{windowed.Results.Select(r => r.Serial).Distinct().Count()} of {boards} boards used; " +
            $"{(windowed.AccountingError is null ? "all accounted for" : "NOT ACCOUNTED: " + windowed.AccountingError)}");
    }

    /// <summary>Waits until the lease's boards are free again (each reflashed the default firmware) and says how long that took.</summary>
    private static async Task<string> BackAsync(SdkFarm farm, int boards)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await farm.WaitForBoardsAsync(EvaluationLoad.Kind, boards);
        return $"free again {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s after the lease ended, " +
            $"CPU {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s";
    }

    /// <summary>The farm's own background CPU: measured over a fixed span with nothing submitted (a measurement, not a wait for a condition).</summary>
    private static async Task<double> IdleCpuMsPerSecondAsync()
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds
            / System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void PrintDb(string prefix, DbListener db, IReadOnlyList<HopTimes> times, int results)
    {
        var perUpload = times.GroupBy(t => t.SubmitStart).Select(g => g.First().RequestDbCommands).DefaultIfEmpty().Average();
        var top = db.Top(6);
        Print($"{prefix} Postgres: {top.Sum(s => s.Count) / (double)Math.Max(1, results):F1} commands per evaluation in the top statements, " +
            $"{perUpload:F1} per upload before its first send; top statements by time:");
        foreach (var (statement, count, ms) in top)
        {
            Print($"{prefix}    {count,6} × {ms / count,6:F1} ms = {ms,8:F0} ms  {statement}");
        }
    }

    private static void PrintTransport(HopClock clock, int results) =>
        Print($"[fast] transport: {clock.Posts} POSTs ({(double)results / Math.Max(1, clock.Posts):F2} bitstreams each, {clock.PostBytes / Math.Max(1, clock.Posts):N0} bytes), " +
            $"EvaluateBitstream {clock.CommandBytes:N0} bytes on the bus, EvaluationCompleted {clock.ResultBytes:N0} bytes");

    // The bench runs with invariant globalization, so interpolated numbers are invariant too.
    private static void Print(string line) => Console.WriteLine(line);
}
