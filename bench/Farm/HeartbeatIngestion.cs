using System.Diagnostics;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Devices;
using Marten;

namespace IceFarm.Bench.Farm;

/// <summary>Announces the farm by heartbeats and measures how long and how much CPU the service needs to take them in.</summary>
internal static class HeartbeatIngestion
{
    public static async Task<(TimeSpan Wall, TimeSpan Cpu, int Heartbeats)> AnnounceAsync(BenchFarm farm, int boards, int boardsPerWorker, string kind)
    {
        var workers = (boards + boardsPerWorker - 1) / boardsPerWorker;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var w = 0; w < workers; w++)
        {
            var name = $"bench-{kind}-{w:D4}";
            var devices = Enumerable.Range(0, Math.Min(boardsPerWorker, boards - (w * boardsPerWorker)))
                .Select(i => new DeviceSummary($"{kind[0]}{w:X5}{i:X10}".ToUpperInvariant(), DeviceState.Available, DeviceHealth.Good, null, null))
                .ToList();
            await farm.Bus.Publish(new WorkerHeartbeat(name, "bench", [kind], devices, false, TimeProvider.System.GetUtcNow()));
        }

        await using var session = farm.Store.QuerySession();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (await session.Query<DeviceView>().CountAsync(d => d.State == DeviceState.Available, deadline.Token) < boards)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }

        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpuBefore, workers);
    }
}
