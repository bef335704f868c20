using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>Drives code that awaits a fake clock: advance a step, let continuations run, repeat.</summary>
/// <remarks>
/// The pump can run ahead of the code under test (fake time passes while a continuation waits for a
/// thread), so tests that use it give the actors generous deadlines; the simulator's own timings are
/// unaffected because they are scheduled relative to the fake now.
/// </remarks>
internal static class FakeClockPump
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>Advances <paramref name="clock"/> in <paramref name="step"/>s until <paramref name="condition"/> holds; fails after 20 s of real time.</summary>
    public static async Task PumpUntilAsync(this FakeTimeProvider clock, Func<bool> condition, TimeSpan? step = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > RealTimeLimit)
            {
                throw new TimeoutException($"condition not met after {RealTimeLimit.TotalSeconds} s of real time (fake clock at {clock.GetUtcNow():O})");
            }

            clock.Advance(step ?? TimeSpan.FromMilliseconds(1));
            await Task.Yield();

            // Let the continuations that advance just released run before the clock moves again, so fake
            // time does not race ahead of code that is busy on other threads (bounded: never a hang).
            for (var spins = 0; spins < 50 && ThreadPool.PendingWorkItemCount > 0; spins++)
            {
                await Task.Yield();
            }
        }
    }
}
