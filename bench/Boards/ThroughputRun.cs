using System.Diagnostics;
using System.Globalization;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.Bench.Boards;

/// <summary>
/// Every board of one worker kept busy at once: evaluations per second sustained, and the process's CPU time and
/// allocation per evaluation (worker, in-process simulator and the bench's own bus client together; the bench's share
/// of sending is measured apart so the worker's can be told).
/// </summary>
internal static class ThroughputRun
{
    /// <summary>
    /// One round of <paramref name="perBoard"/> evaluations per board. <paramref name="overBus"/>: the commands go over RabbitMQ to the
    /// worker's consumer, as in production; otherwise straight into the board actors' inboxes (what the consumer does), which
    /// leaves out the broker carrying ~139 kB of JSON per command and the bench's cost of sending it.
    /// </summary>
    public static async Task RunAsync(BenchWorker worker, BoardTime board, PortTimeline timeline, Guid reservationId, int perBoard, bool overBus, string label)
    {
        var serials = worker.Serials;
        var bitstreams = Designs.Generate(perBoard);
        Func<EvaluateBitstream, CancellationToken, Task> submit = overBus ? worker.SendAsync : worker.EnqueueDirect;
        _ = await RoundAsync(worker, submit, reservationId, serials, bitstreams, 1); // warm-up: JIT, connections, one result per board
        var sendCpu = overBus ? await SendCostAsync(worker, bitstreams[0], 100) : 0;

        var written = timeline.Count(PortMark.LastByteWritten);
        var since = TimeProvider.System.GetUtcNow();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();
        var (outcomes, sending) = await RoundAsync(worker, submit, reservationId, serials, bitstreams, perBoard);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: false) - allocated;

        var total = outcomes.Count;
        var failed = outcomes.Count(o => o.Completed is null);
        var ats = outcomes.Select(o => o.WorkerAt).Order().ToList();
        var steady = (total - 1) / (ats[^1] - ats[0]).TotalSeconds;
        var ideal = serials.Count / board.Nominal.TotalSeconds;
        var perEvalCpu = cpuUsed.TotalMilliseconds / total;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} {serials.Count} boards × {perBoard} evaluations = {total} in {wall.TotalSeconds:F2} s: {total / wall.TotalSeconds:F0} evaluations/s " +
            $"from first send to last result, {steady:F0}/s between first and last result; board-bound ceiling {ideal:F0}/s " +
            $"({serials.Count} boards / {board.Nominal.TotalMilliseconds:F1} ms per evaluation); failed {failed}; " +
            $"the bench had submitted every command after {sending.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} process CPU {cpuUsed.TotalSeconds:F2} s = {perEvalCpu:F2} ms per evaluation " +
            $"(of which the bench sending the command ≈ {sendCpu:F2} ms, so the worker + simulator ≈ {perEvalCpu - sendCpu:F2} ms), " +
            $"allocated {bytes / (double)total / 1024:F0} kB per evaluation (whole process); the process used {cpuUsed / wall / Environment.ProcessorCount:P0} " +
            $"of the {Environment.ProcessorCount} cores meanwhile (at this CPU cost, {Environment.ProcessorCount} idle cores would bound it near {Environment.ProcessorCount * 1000 / perEvalCpu:F0}/s)"));
        var writes = timeline.WriteDurations(since);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} bitstreams written {timeline.Count(PortMark.LastByteWritten) - written} for {total} evaluations (the surplus are retries after recovery); " +
            $"writing one (first byte → last write returned): p50 {Percentiles.Of(writes, 50):F2} ms, p99 {Percentiles.Of(writes, 99):F2} ms, " +
            $"max {writes[^1]:F1} ms (the fast profile's transfer watchdog is {SimulationProfile.Fast.TransferWatchdog.TotalMilliseconds:F0} ms)"));
    }

    /// <summary>Sends <paramref name="perBoard"/> evaluations to every board (boards in parallel, each board's in order) and waits for every outcome.</summary>
    private static async Task<(List<ObservedOutcome> Outcomes, TimeSpan Sending)> RoundAsync(
        BenchWorker worker, Func<EvaluateBitstream, CancellationToken, Task> submit, Guid reservationId, IReadOnlyList<string> serials, byte[][] bitstreams, int perBoard)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var batch = Guid.NewGuid();
        var started = Stopwatch.GetTimestamp();
        var ids = serials.Select(_ => Enumerable.Range(0, perBoard).Select(_ => Guid.NewGuid()).ToList()).ToList();
        await Task.WhenAll(serials.Select(async (serial, b) =>
        {
            for (var i = 0; i < perBoard; i++)
            {
                await submit(
                    new EvaluateBitstream(reservationId, "bench", batch, ids[b][i], serial, $"design-{i}.bin", bitstreams[i % bitstreams.Length]), deadline.Token);
            }
        }));
        var sending = Stopwatch.GetElapsedTime(started);
        var all = ids.SelectMany(x => x).ToList();
        await worker.Log.UntilAsync(() => all.All(id => worker.Log.Find(id) is not null), TimeSpan.FromMinutes(10), $"{all.Count} evaluations");
        return ([.. all.Select(id => worker.Log.Find(id)!)], sending);
    }

    /// <summary>CPU milliseconds the bench spends sending one evaluation command (serialise + publish) to an exchange nobody reads.</summary>
    private static async Task<double> SendCostAsync(BenchWorker worker, byte[] bitstream, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var sink = await worker.Bus.GetSendEndpoint(new Uri($"exchange:{worker.Name}-void"));
        var message = new EvaluateBitstream(Guid.NewGuid(), "bench", Guid.NewGuid(), Guid.NewGuid(), "0000000000000000", "void.bin", bitstream);
        await sink.Send(message, deadline.Token);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            await sink.Send(message, deadline.Token);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
    }
}
