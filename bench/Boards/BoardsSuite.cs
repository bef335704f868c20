using System.Globalization;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.Bench.Boards;

/// <summary>
/// The board layer's figures (issue 4 §4): the production worker (WorkerAgentApp: RabbitMQ consumers → per-board actor →
/// evaluation engine → simulated serial port) with in-process simulated boards on the wall clock, the bench playing
/// the reservation service over a real RabbitMQ vhost.
/// </summary>
internal static class BoardsSuite
{
    public static async Task RunAsync(BenchOptions options)
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var queued = options.GetInt("board-queue", 50);
        var smallQueue = options.GetInt("board-small-queue", 3);
        var smallBatches = options.GetInt("board-small-batches", 5);
        var fastBoards = options.GetInt("fast-boards", 32);
        var fastPerBoard = options.GetInt("fast-evaluations", 50);
        Console.WriteLine("boards suite: WorkerAgentApp with simulated boards (System TimeProvider), commands and events over a real RabbitMQ vhost " +
            "(the bench sends PrepareDevice/EvaluateBitstream to worker-{name} and observes DeviceInitialized/EvaluationCompleted/EvaluationFailed); " +
            "worker log level Warning; simulator, worker and bench share this process");

        var realistic = new BoardTime(SimulationProfile.Realistic);
        var timeline = new PortTimeline();
        await using (var worker = await BenchWorker.StartAsync(1, "realistic", timeline))
        {
            var reservation = Guid.NewGuid();
            await worker.PrepareAllAsync(reservation, CancellationToken.None);
            var serial = worker.Serials[0];
            var bitstreams = Designs.Generate(1 + queued + (smallQueue * smallBatches));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[realistic] board time per pulse-count evaluation, nominal: transfer {realistic.NominalTransfer.TotalMilliseconds:F1} ms (104,090 B at " +
                $"{SimulationProfile.Realistic.BitstreamBytesPerSecond / 1000:F0} kB/s ±{SimulationProfile.Realistic.TransferJitter:P0}) + load " +
                $"{SimulationProfile.Realistic.CramLoad.TotalMilliseconds:F0} ms + window {SimulationProfile.Realistic.PulseWindow.TotalMilliseconds:F0} ms = {realistic.Nominal.TotalMilliseconds:F1} ms"));
            await OverheadRun.RunAsync(worker, realistic, reservation, serial, bitstreams[..1], 1); // warm-up (JIT, connections)
            var large = await OverheadRun.RunAsync(worker, realistic, reservation, serial, bitstreams[1..(1 + queued)], queued, timeline);
            large.Print($"[realistic, 1 board, {queued} queued]", 20, "≈ 240 ms at 50 circuits");
            var small = await OverheadRun.RunAsync(worker, realistic, reservation, serial, bitstreams[(1 + queued)..], smallQueue, timeline);
            small.Print($"[realistic, 1 board, {smallQueue} queued]", 20, "≈ 870 ms at 3 circuits");
        }

        var fastTimeline = new PortTimeline();
        await using (var worker = await BenchWorker.StartAsync(fastBoards, "fast", fastTimeline))
        {
            var reservation = Guid.NewGuid();
            await worker.PrepareAllAsync(reservation, CancellationToken.None);
            await ThroughputRun.RunAsync(worker, new BoardTime(SimulationProfile.Fast), fastTimeline, reservation, fastPerBoard, overBus: true, "[fast, commands over RabbitMQ]");
            await ThroughputRun.RunAsync(worker, new BoardTime(SimulationProfile.Fast), fastTimeline, reservation, fastPerBoard, overBus: false, "[fast, commands into the actors]");
        }
    }
}
