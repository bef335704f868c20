using System.Diagnostics;
using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using Marten;

namespace IceFarm.Bench.Farm;

/// <summary>Time from a worker publishing a board's new state to the admin view showing it (bus + consumer + inline projection).</summary>
internal static class ProjectionLag
{
    public static async Task<List<double>> MeasureAsync(BenchFarm farm, string worker, string serial, int samples)
    {
        var lags = new List<double>(samples);
        await using var session = farm.Store.QuerySession();
        for (var i = 0; i < samples; i++)
        {
            var state = i % 2 == 0 ? DeviceState.Broken : DeviceState.Available;
            var started = Stopwatch.GetTimestamp();
            await farm.Bus.Publish(new DeviceStateChanged(worker, serial, state, DeviceHealth.Good, $"bench flip {i}", null, TimeProvider.System.GetUtcNow()));
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await session.LoadAsync<DeviceView>(StreamIds.Device(serial), deadline.Token))?.State != state)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), deadline.Token);
            }

            lags.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        lags.Sort();
        return lags;
    }
}
