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

    /// <summary>
    /// Advances <paramref name="clock"/> by <paramref name="step"/> only while every task of <paramref name="actors"/>
    /// is waiting, until <paramref name="condition"/> holds; fails after 20 s of real time. The clock never
    /// moves while an actor is busy, so its deadlines fire at the fake instants they were set for.
    /// </summary>
    public static async Task PumpWhenIdleUntilAsync(this FakeTimeProvider clock, QuiescentScheduler actors, Func<bool> condition, TimeSpan step)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var left = RealTimeLimit - stopwatch.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"condition not met after {RealTimeLimit.TotalSeconds} s of real time (fake clock at {clock.GetUtcNow():O})");
            }

            await actors.WhenIdleAsync().WaitAsync(left);
            if (condition())
            {
                return;
            }

            // Timer callbacks run inside Advance and queue the actor work they release before it returns.
            clock.Advance(step);
        }
    }

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
