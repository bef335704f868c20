using System.Collections.Concurrent;
using IceFarm.Contracts;
using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Bus;

/// <summary>The worker's event queue: one board's events in order, different boards' events side by side.</summary>
public sealed class QueuedEventPumpTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_board_whose_publish_waits_for_the_broker_holds_up_only_its_own_events()
    {
        var (slow, fast) = SerialsOnDifferentLanes();
        var queue = new QueuedEventPublisher();
        var broker = new HeldBroker();
        var pump = new QueuedEventPump(queue, broker, new FakeTimeProvider(), NullLogger<QueuedEventPump>.Instance);
        await pump.StartAsync(CancellationToken.None);
        try
        {
            await queue.PublishAsync(Changed(slow, "slow first"), CancellationToken.None);
            await queue.PublishAsync(Changed(slow, "slow second"), CancellationToken.None);
            await queue.PublishAsync(Changed(fast, "fast first"), CancellationToken.None);
            await queue.PublishAsync(Changed(fast, "fast second"), CancellationToken.None);

            // The slow board's first confirm has not come back, yet the other board's events are both out.
            await broker.Started("slow first").WaitAsync(Deadline);
            await broker.Release("fast first");
            await broker.Release("fast second");
            await broker.Completed("fast second").WaitAsync(Deadline);
            Assert.False(broker.HasStarted("slow second"), "a board's second event went out before its first was confirmed");

            await broker.Release("slow first");
            await broker.Release("slow second");
            await broker.Completed("slow second").WaitAsync(Deadline);
            Assert.Equal(["slow first", "slow second"], broker.Order.Where(r => r.StartsWith("slow", StringComparison.Ordinal)));
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None).WaitAsync(Deadline);
        }
    }

    [Fact]
    public async Task A_publish_that_keeps_failing_is_logged_with_its_count_backed_off_on_the_clock_and_still_goes_out()
    {
        // Ten failures back off 0.25 + 0.5 + 1 + 7 × 2 s = 15.75 s: only the injected clock gets through them within the deadline.
        const int Failures = 10;
        var time = new FakeTimeProvider();
        var broker = new FailingBroker(Failures);
        var logger = new RecordingLogger<QueuedEventPump>();
        var queue = new QueuedEventPublisher();
        var pump = new QueuedEventPump(queue, broker, time, logger);
        await pump.StartAsync(CancellationToken.None);
        try
        {
            await queue.PublishAsync(Changed("5A5A0123456789AB", "after the outage"), CancellationToken.None);
            using var deadline = new CancellationTokenSource(Deadline);
            while (!broker.Published.IsCompleted)
            {
                // Ahead of the next back-off whenever it starts; polling the broker's state, not sleeping as a wait.
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(broker.Published, Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token));
            }

            Assert.Equal(Failures + 1, broker.Attempts);
            // 250 ms doubling up to 2 s.
            Assert.Equal(
                Enumerable.Range(1, Failures).Select(n =>
                    $"Publishing a board event failed ({n} in a row); retrying in {TimeSpan.FromMilliseconds(Math.Min(2000, 250 << (n - 1)))}"),
                logger.Entries.Select(e => e.Message));
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None).WaitAsync(Deadline);
        }
    }

    [Fact]
    public void A_boards_events_always_take_the_same_lane_and_worker_events_take_lane_zero()
    {
        var changed = Changed("5A5A0123456789AB", "x");
        var initialized = new DeviceInitialized(Guid.NewGuid(), "client-1", "worker-1", "5A5A0123456789AB", DateTimeOffset.UnixEpoch);
        Assert.Equal(QueuedEventPublisher.LaneOf(changed), QueuedEventPublisher.LaneOf(initialized));
        Assert.Equal(0, QueuedEventPublisher.LaneOf(new IceFarm.Contracts.Workers.WorkerDrained("worker-1", DateTimeOffset.UnixEpoch)));
    }

    private static DeviceStateChanged Changed(string serial, string reason) =>
        new("worker-1", serial, DeviceState.Available, DeviceHealth.Unknown, reason, null, DateTimeOffset.UnixEpoch);

    private static (string Slow, string Fast) SerialsOnDifferentLanes()
    {
        var serials = Enumerable.Range(0, 64).Select(i => $"5A5A01234567{i:X4}").ToList();
        var slow = serials[0];
        var fast = serials.First(s => QueuedEventPublisher.LaneOf(Changed(s, "")) != QueuedEventPublisher.LaneOf(Changed(slow, "")));
        return (slow, fast);
    }

    /// <summary>A broker that is away for the first <c>failures</c> publishes, then takes them.</summary>
    private sealed class FailingBroker(int failures) : IEventPublisher
    {
        private readonly TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public Task Published => _published.Task;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
            where T : class, IMessage
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new InvalidOperationException("the broker is away");
            }

            _published.TrySetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>A broker whose confirms the test hands out one by one, keyed by the event's reason.</summary>
    private sealed class HeldBroker : IEventPublisher
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _released = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _completed = new();
        private readonly ConcurrentQueue<string> _order = new();

        public IReadOnlyList<string> Order => [.. _order];

        public Task Started(string reason) => Gate(_started, reason).Task;

        public Task Completed(string reason) => Gate(_completed, reason).Task;

        public bool HasStarted(string reason) => Gate(_started, reason).Task.IsCompleted;

        public Task Release(string reason)
        {
            Gate(_released, reason).TrySetResult();
            return Task.CompletedTask;
        }

        public async Task PublishAsync<T>(T message, CancellationToken cancellationToken)
            where T : class, IMessage
        {
            var reason = ((DeviceStateChanged)(object)message).Reason;
            _order.Enqueue(reason);
            Gate(_started, reason).TrySetResult();
            await Gate(_released, reason).Task.WaitAsync(Deadline, cancellationToken);
            Gate(_completed, reason).TrySetResult();
        }

        private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string reason) =>
            gates.GetOrAdd(reason, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
