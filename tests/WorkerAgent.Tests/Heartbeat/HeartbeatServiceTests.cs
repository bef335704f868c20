using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Heartbeat;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Tests.Heartbeat;

public sealed class HeartbeatServiceTests
{
    [Fact]
    public async Task Heartbeat_GoesOutAtStartThenEveryInterval_WithTheWorkersIdentityAndBoards()
    {
        var clock = TestBoards.Clock();
        var options = Options.Create(new WorkerOptions
        {
            Name = "bench-7",
            Version = "1.2.3",
            Kinds = ["pulsecount"],
            HeartbeatInterval = TimeSpan.FromSeconds(5),
        });
        var registry = new BoardRegistry();
        var harness = ActorHarness.Create();
        registry.TryAdd(harness.Actor);
        var events = new RecordingPublisher();
        using var service = new HeartbeatService(
            new HeartbeatFactory(options, registry, clock), events, options, clock, NullLogger<HeartbeatService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await clock.PumpUntilAsync(() => events.Of<WorkerHeartbeat>().Count == 1, TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Single(events.Of<WorkerHeartbeat>());
        // One step onto the interval, then wait without moving the clock: a pump in steps could run past the beat's
        // time while the beat is still on its way on a busy machine.
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await clock.PumpUntilAsync(() => events.Of<WorkerHeartbeat>().Count == 2, TimeSpan.Zero);
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var beat = events.Of<WorkerHeartbeat>()[1];
        Assert.Equal("bench-7", beat.Worker);
        Assert.Equal("1.2.3", beat.Version);
        Assert.Equal(["pulsecount"], beat.Kinds);
        Assert.False(beat.Draining);
        Assert.Equal(Environment.MachineName, beat.Host);
        Assert.Equal(clock.GetUtcNow(), beat.SentAt);
        Assert.Equal([new DeviceSummary(harness.Board.Serial, DeviceState.Discovered, DeviceHealth.Unknown, null, null)], beat.Devices);
    }

    [Fact]
    public async Task FailedPublish_IsLoggedAndTheNextBeatStillGoesOut()
    {
        // The clock moves only after the service is known to wait on its timer (it creates the timer before the
        // first beat), and exactly one interval: no tick can pile up behind a beat still being published.
        var clock = TestBoards.Clock();
        var options = Options.Create(new WorkerOptions { Name = "flaky", HeartbeatInterval = TimeSpan.FromSeconds(1) });
        var publisher = new FailingOncePublisher();
        var logger = new RecordingLogger<HeartbeatService>();
        using var service = new HeartbeatService(
            new HeartbeatFactory(options, new BoardRegistry(), clock), publisher, options, clock, logger);

        await service.StartAsync(CancellationToken.None);
        await publisher.AttemptMade(1).WaitAsync(TimeSpan.FromSeconds(10));
        await logger.Warned.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(publisher.Published);

        clock.Advance(TimeSpan.FromSeconds(1));
        await publisher.AttemptMade(2).WaitAsync(TimeSpan.FromSeconds(10));
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, publisher.Attempts);
        Assert.Single(publisher.Published);
        Assert.Contains("Heartbeat of worker flaky not published", logger.Entries[0].Message, StringComparison.Ordinal);
    }

    private sealed class FailingOncePublisher : IEventPublisher
    {
        private readonly RecordingPublisher _inner = new();
        private readonly TaskCompletionSource[] _attempts = [.. Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private int _attempt;

        public int Attempts => Volatile.Read(ref _attempt);

        public IReadOnlyList<Contracts.IMessage> Published => _inner.Published;

        /// <summary>Completes once attempt number <paramref name="n"/> (1-based) was made.</summary>
        public Task AttemptMade(int n) => _attempts[n - 1].Task;

        public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
            where T : class, Contracts.IMessage
        {
            var attempt = Interlocked.Increment(ref _attempt);
            try
            {
                return attempt == 1 ? throw new InvalidOperationException("broker unreachable") : _inner.PublishAsync(message, cancellationToken);
            }
            finally
            {
                _attempts[Math.Min(attempt, _attempts.Length) - 1].TrySetResult();
            }
        }
    }
}
