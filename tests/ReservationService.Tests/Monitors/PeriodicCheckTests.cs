using System.Collections.Concurrent;
using IceFarm.ReservationService.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests.Monitors;

/// <summary>The monitors' loop: a failing check is logged with its count in a row, backed off on the injected clock, and the loop goes on.</summary>
public sealed class PeriodicCheckTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_check_that_fails_three_times_is_logged_with_the_count_backed_off_one_interval_more_each_time_and_the_loop_goes_on()
    {
        var time = new FakeTimeProvider();
        var calls = new ConcurrentQueue<DateTimeOffset>();
        var logger = new FailureCountLogger();
        using var stop = new CancellationTokenSource();
        var loop = PeriodicCheck.RunAsync(Interval, time, _ =>
        {
            calls.Enqueue(time.GetUtcNow());
            return calls.Count <= 3 ? Task.FromException(new InvalidOperationException("the check failed")) : Task.CompletedTask;
        }, logger, "Test check", stop.Token);
        try
        {
            using var deadline = new CancellationTokenSource(Deadline);
            while (calls.Count < 6)
            {
                // Ahead of the next tick or back-off whenever it starts; polling the loop's state, not sleeping as a wait.
                time.Advance(Interval);
                await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop).WaitAsync(Deadline);
        }

        Assert.Equal([1, 2, 3], logger.Failures);
        var at = calls.ToArray();
        // Without the back-off each retry would come at the next tick, one interval later.
        Assert.True(at[1] - at[0] >= Interval, $"the first retry came {at[1] - at[0]} after the failure");
        Assert.True(at[2] - at[1] >= Interval * 2, $"the second retry came {at[2] - at[1]} after the failure");
        Assert.True(at[3] - at[2] >= Interval * 3, $"the third retry came {at[3] - at[2]} after the failure");
    }

    /// <summary>Keeps the <c>Failures</c> value of every error logged.</summary>
    private sealed class FailureCountLogger : ILogger
    {
        private readonly ConcurrentQueue<int> _failures = new();

        public IReadOnlyList<int> Failures => [.. _failures];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "Failures").Value is int failures)
            {
                _failures.Enqueue(failures);
            }
        }
    }
}
