using System.Diagnostics;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Http;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// The farm without <c>Lease.EvaluateAsync</c>'s one-upload-at-a-time loop: one uploader per board, each keeping
/// <c>window</c> single-bitstream uploads (<c>FarmClient.SubmitAsync</c>) on its board and freeing a slot per result read
/// off the raw event stream. What the service and worker can do when the client is not the bottleneck.
/// </summary>
internal static class FarmCapacity
{
    public static async Task<(int Results, int Failed, TimeSpan Wall, TimeSpan Cpu)> RunAsync(
        SdkFarm farm, int boards, IReadOnlyList<Bitstream> bitstreams, int window, TimeSpan deadline)
    {
        using var stop = new CancellationTokenSource(deadline);
        await using var lease = await farm.Client.ReserveAsync(EvaluationLoad.Kind, boards, TimeSpan.FromMinutes(1), ct: stop.Token);
        await lease.WaitUntilReadyAsync(stop.Token);
        await using var events = await farm.Client.OpenEventsAsync(null, stop.Token);
        var slots = lease.Devices.ToDictionary(d => d.Serial, _ => new SemaphoreSlim(window), StringComparer.Ordinal);
        var next = -1;
        var results = 0;
        var failed = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var reader = Task.Run(async () =>
        {
            await foreach (var item in events.ReadAllAsync(stop.Token))
            {
                if (item.Type is not (StreamEventTypes.Result or StreamEventTypes.EvaluationFailed)
                    || !slots.TryGetValue(item.Data.GetProperty("serial").GetString() ?? "", out var slot))
                {
                    continue;
                }

                slot.Release();
                failed += item.Type == StreamEventTypes.EvaluationFailed ? 1 : 0;
                if (++results == bitstreams.Count)
                {
                    all.TrySetResult();
                }
            }
        }, stop.Token);
        var uploaders = slots.Select(board => Task.Run(async () =>
        {
            while (true)
            {
                await board.Value.WaitAsync(stop.Token);
                var index = Interlocked.Increment(ref next);
                if (index >= bitstreams.Count)
                {
                    return;
                }

                await farm.Client.SubmitAsync(lease.Id, [bitstreams[index]], [board.Key], stop.Token);
            }
        }, stop.Token)).ToList();
        await Task.WhenAll(uploaders);
        await all.Task.WaitAsync(stop.Token);
        var wall = Stopwatch.GetElapsedTime(started);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await stop.CancelAsync();
        await reader.ContinueWith(static _ => { }, TaskScheduler.Default);
        foreach (var slot in slots.Values)
        {
            slot.Dispose();
        }

        return (results, failed, wall, used);
    }
}
