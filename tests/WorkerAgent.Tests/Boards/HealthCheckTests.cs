using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Boards;

/// <summary>Periodic health checks between reservations: after N evaluations, after T idle, and a failing one breaks the board.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_board_is_checked_when_it_leaves_a_reservation_after_N_evaluations()
    {
        var options = ActorHarness.GenerousOptions();
        options.HealthCheckEvery = 2;
        await using var harness = ActorHarness.Create(options);
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        var design = BitstreamGenerator.Generate(new CircuitDesign(2000));
        await harness.EvaluateAsync(harness.Evaluation(design), harness.Evaluation(design));

        harness.Actor.Enqueue(new ReleaseBoard(new ReleaseDevice(harness.ReservationId, harness.Board.Serial, "ended by client")));
        await harness.UntilAsync(() => harness.Events.Of<DeviceHealthChecked>().Count == 2 && harness.Actor.Summary.State == DeviceState.Available);

        var check = harness.Events.Of<DeviceHealthChecked>()[^1];
        Assert.True(check.Passed, check.Reason);
        Assert.Contains("2 evaluations since its last check", check.Reason, StringComparison.Ordinal);
        Assert.Equal(FirmwareKind.Default, harness.Board.InstalledImage);
    }

    [Fact]
    public async Task A_board_with_fewer_evaluations_is_not_checked_when_it_leaves()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        await harness.EvaluateAsync(harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000))));

        harness.Actor.Enqueue(new ReleaseBoard(new ReleaseDevice(harness.ReservationId, harness.Board.Serial, "ended by client")));
        await harness.UntilAsync(() => harness.Events.Of<DeviceStateChanged>().Count(e => e.State == DeviceState.Available) == 2);

        Assert.Single(harness.Events.Of<DeviceHealthChecked>());
    }

    [Fact]
    public async Task An_idle_board_is_checked_once_its_interval_passed()
    {
        var options = ActorHarness.GenerousOptions();
        options.HealthCheckInterval = TimeSpan.FromHours(1);
        await using var harness = ActorHarness.Create(options);
        await harness.StartAsync();
        Assert.False(harness.Actor.CheckHealthIfDue(harness.Clock.GetUtcNow()), "not due yet");

        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(harness.Actor.CheckHealthIfDue(harness.Clock.GetUtcNow()));
        await harness.UntilAsync(() => harness.Events.Of<DeviceHealthChecked>().Count == 2 && harness.Actor.Summary.State == DeviceState.Available);

        Assert.Contains("older than", harness.Events.Of<DeviceHealthChecked>()[^1].Reason, StringComparison.Ordinal);
        Assert.Contains(harness.Events.Of<DeviceStateChanged>(), e => e.State == DeviceState.SelfTest && e.Reason.StartsWith("health check:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_check_is_reported_and_breaks_the_board()
    {
        var options = ActorHarness.FaultOptions();
        options.HealthCheckInterval = TimeSpan.FromHours(1);
        await using var harness = ActorHarness.Create(options);
        await harness.StartAsync();

        harness.Board.Faults.Always(SimulatedFault.ImageDoesNotBoot);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(harness.Actor.CheckHealthIfDue(harness.Clock.GetUtcNow()));
        await harness.UntilAsync(() => harness.Actor.Summary.State == DeviceState.Broken, TimeSpan.FromMilliseconds(10));

        var check = harness.Events.Of<DeviceHealthChecked>()[^1];
        Assert.False(check.Passed);
        Assert.Contains("firmware could not be installed", check.Reason, StringComparison.Ordinal);
        Assert.Equal(DeviceHealth.Bad, harness.Events.Of<DeviceStateChanged>()[^1].Health);
    }
}
