using IceFarm.Contracts.Reservations;
using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Drain;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>The drain state machine on MassTransit's in-memory harness, against <see cref="FakeDrainActions"/>.</summary>
public sealed class When_the_drain_saga_runs_in_memory : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeDrainActions _farm = new();
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private ISagaStateMachineTestHarness<DrainStateMachine, DrainState> _saga = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IDrainActions>(_farm)
            .AddMassTransitTestHarness(x => x.AddSagaStateMachine<DrainStateMachine, DrainState, DrainSagaDefinition>())
            .BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        _harness.TestTimeout = Deadline;
        await _harness.Start();
        _saga = _harness.GetSagaStateMachineHarness<DrainStateMachine, DrainState>();
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_drain_marks_the_worker_announces_itself_and_waits_for_its_reservations()
    {
        var lease = Guid.NewGuid();
        _farm.Holding["w1"] = [lease];
        await _harness.Bus.Publish(new DrainWorker("w1", _clock.GetUtcNow().AddMinutes(10), "admin"));

        Assert.NotNull(await _saga.Exists(DrainIds.For("w1"), m => m.Draining));
        Assert.True(await _harness.Published.Any<WorkerDrainStarted>(x => x.Context.Message.Worker == "w1"));
        Assert.Contains("w1", _farm.MarkedDraining);
        Assert.False(await _harness.Sent.Any<WorkerDrained>());
        Assert.Equal([lease], _saga.Sagas.Contains(DrainIds.For("w1"))!.Remaining);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_last_reservation_ending_finishes_the_drain()
    {
        var lease = Guid.NewGuid();
        _farm.Holding["w2"] = [lease];
        await _harness.Bus.Publish(new DrainWorker("w2", _clock.GetUtcNow().AddMinutes(10), "admin"));
        await _saga.Exists(DrainIds.For("w2"), m => m.Draining);

        _farm.Holding["w2"].Clear();
        await _harness.Bus.Publish(new DrainLeaseEnded("w2", lease, "ended-by-client"));

        Assert.True(await _harness.Sent.Any<WorkerDrained>(x => x.Context.Message.Worker == "w2"));
        Assert.Null(await _saga.NotExists(DrainIds.For("w2")));
        Assert.Contains("w2", _farm.MarkedDrained);
        Assert.Empty(_farm.ForceEnded);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reservation_on_another_worker_ending_changes_nothing()
    {
        var mine = Guid.NewGuid();
        _farm.Holding["w3"] = [mine];
        await _harness.Bus.Publish(new DrainWorker("w3", _clock.GetUtcNow().AddMinutes(10), "admin"));
        await _saga.Exists(DrainIds.For("w3"), m => m.Draining);

        var other = Guid.NewGuid();
        await _harness.Bus.Publish(new DrainLeaseEnded("elsewhere", other, "expired"));

        Assert.True(await _harness.Consumed.Any<DrainLeaseEnded>(x => x.Context.Message.ReservationId == other));
        Assert.NotNull(await _saga.Exists(DrainIds.For("w3"), m => m.Draining));
        Assert.False(await _harness.Sent.Any<WorkerDrained>(x => x.Context.Message.Worker == "w3"));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_deadline_force_ends_what_remains_but_an_early_deadline_message_does_not()
    {
        var lease = Guid.NewGuid();
        _farm.Holding["w4"] = [lease];
        var deadline = _clock.GetUtcNow().AddMinutes(10);
        await _harness.Bus.Publish(new DrainWorker("w4", deadline, "admin"));
        await _saga.Exists(DrainIds.For("w4"), m => m.Draining);

        await _harness.Bus.Publish(new DrainDeadlineReached("w4", deadline));
        Assert.True(await _saga.Consumed.Any<DrainDeadlineReached>());
        Assert.Empty(_farm.ForceEnded);

        _clock.Advance(TimeSpan.FromMinutes(11));
        await _harness.Bus.Publish(new DrainDeadlineReached("w4", deadline));
        Assert.True(await _harness.Sent.Any<WorkerDrained>(x => x.Context.Message.Worker == "w4"));
        Assert.Equal([lease], _farm.ForceEnded);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_drain_request_moves_the_deadline_only_earlier()
    {
        _farm.Holding["w5"] = [Guid.NewGuid()];
        var first = _clock.GetUtcNow().AddMinutes(10);
        await _harness.Bus.Publish(new DrainWorker("w5", first, "admin"));
        await _saga.Exists(DrainIds.For("w5"), m => m.Draining);

        await _harness.Bus.Publish(new DrainWorker("w5", first.AddMinutes(30), "someone"));
        await _harness.Bus.Publish(new DrainWorker("w5", first.AddMinutes(-5), "w5 (SIGTERM)"));
        Assert.True(await _harness.Published.Any<WorkerDrainStarted>(x => x.Context.Message.Deadline == first.AddMinutes(-5)));

        var drain = _saga.Sagas.Contains(DrainIds.For("w5"))!;
        Assert.Equal(first.AddMinutes(-5), drain.Deadline);
        Assert.Equal("admin", drain.RequestedBy);
        Assert.Single(_farm.MarkedDraining, w => w == "w5");
        Assert.False(await _harness.Published.Any<WorkerDrainStarted>(x => x.Context.Message.Deadline == first.AddMinutes(30)));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_worker_is_drained_at_once_without_an_announcement()
    {
        await _harness.Bus.Publish(new DrainWorker("ghost", _clock.GetUtcNow().AddMinutes(10), "admin"));

        Assert.True(await _harness.Sent.Any<WorkerDrained>(x => x.Context.Message.Worker == "ghost"));
        Assert.False(await _harness.Published.Any<WorkerDrainStarted>(x => x.Context.Message.Worker == "ghost"));
        Assert.Empty(_farm.MarkedDrained);
    }
}
