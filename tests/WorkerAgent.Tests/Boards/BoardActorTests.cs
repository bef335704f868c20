using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Boards;

/// <summary>A board actor driving a simulated board through its whole lifecycle.</summary>
public sealed class BoardActorTests
{
    [Fact]
    public async Task Start_FlashesTheDefaultFirmwareSelfTestsAndBecomesAvailable()
    {
        await using var harness = ActorHarness.Create();

        await harness.StartAsync();

        Assert.Equal([DeviceState.FlashingDefault, DeviceState.SelfTest, DeviceState.Available], harness.States);
        var available = harness.Events.Of<DeviceStateChanged>()[^1];
        Assert.Equal(ActorHarness.WorkerName, available.Worker);
        Assert.Equal(harness.Board.Serial, available.Serial);
        Assert.Equal(DeviceHealth.Good, available.Health);
        Assert.Contains("self-test and health check passed", available.Reason, StringComparison.Ordinal);
        Assert.True(harness.Board.Devnum > 1, "the default firmware was really re-flashed");
        // A board whose health is unknown is checked before it is offered: its served firmware booted, then the default again.
        var check = Assert.Single(harness.Events.Of<DeviceHealthChecked>());
        Assert.True(check.Passed, check.Reason);
        Assert.Contains("not known yet", check.Reason, StringComparison.Ordinal);
        Assert.Equal(FirmwareKind.Default, harness.Board.InstalledImage);
    }

    [Fact]
    public async Task Reservation_PreparesEvaluatesA2kHzDesignAndReleases()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();

        await harness.PrepareAsync("pulsecount");
        Assert.Equal(new DeviceSummary(harness.Board.Serial, DeviceState.Serving, DeviceHealth.Good, harness.ReservationId, "pulsecount"), harness.Actor.Summary with { Reason = null });
        Assert.Contains("ready for reservation", harness.Actor.Summary.Reason, StringComparison.Ordinal);
        Assert.Equal(FirmwareKind.PulseCount, harness.Board.InstalledImage);
        Assert.Equal(harness.ReservationId, harness.Events.Of<DeviceInitialized>().Single().ReservationId);

        var evaluation = harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000)));
        await harness.EvaluateAsync(evaluation);
        var result = Assert.Single(harness.Events.Of<EvaluationCompleted>());
        Assert.Equal(evaluation.EvaluationId, result.EvaluationId);
        Assert.Equal("pulsecount", result.Value.Kind);
        Assert.InRange(result.Value.Pulses!.Value, 1994, 2000);
        Assert.NotNull(result.Telemetry);
        Assert.True(result.Telemetry.TransferMicroseconds > 0);
        Assert.Equal(5, result.Telemetry.FlashTimesMicroseconds.Count);

        harness.Actor.Enqueue(new ReleaseBoard(new ReleaseDevice(harness.ReservationId, harness.Board.Serial, "ended by client")));
        await harness.UntilAsync(() => harness.States.Count(s => s == DeviceState.Available) == 2);
        Assert.Equal(
            [DeviceState.FlashingDefault, DeviceState.SelfTest, DeviceState.Available, DeviceState.Preparing, DeviceState.Serving,
             DeviceState.Releasing, DeviceState.SelfTest, DeviceState.Available],
            harness.States);
        Assert.Null(harness.Actor.Summary.ReservationId);
        Assert.Equal(FirmwareKind.Default, harness.Board.InstalledImage);
    }

    [Fact]
    public async Task QueuedEvaluations_RunInOrderEachAfterTheReadyLine()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        EvaluateBitstream[] evaluations =
        [
            harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(1000))),
            harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(8000))),
            harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(32000))),
        ];

        await harness.EvaluateAsync(evaluations);

        var results = harness.Events.Of<EvaluationCompleted>();
        Assert.Equal(evaluations.Select(e => e.EvaluationId), results.Select(r => r.EvaluationId));
        Assert.InRange(results[0].Value.Pulses!.Value, 994, 1000);
        Assert.InRange(results[1].Value.Pulses!.Value, 7994, 8000);
        Assert.InRange(results[2].Value.Pulses!.Value, 31994, 32000);
    }

    [Fact]
    public async Task VarianceEvaluation_Returns500SamplesAndTheirMeanStep()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("variance");

        await harness.EvaluateAsync(harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000, WaveShape.Square, 3000))));

        Assert.Empty(harness.Events.Of<EvaluationFailed>().Select(f => f.Reason));
        var value = Assert.Single(harness.Events.Of<EvaluationCompleted>()).Value;
        Assert.Equal("variance", value.Kind);
        Assert.Equal(500, value.Samples!.Count);
        Assert.True(value.Fitness > 500, $"a 3000-count square wave sampled every 102 µs steps often; got {value.Fitness}");
    }

    [Fact]
    public async Task WrongSizeBitstream_FailsAsTheUsersFaultAndTheBoardKeepsServing()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");

        await harness.EvaluateAsync(harness.Evaluation(new byte[88_698]));
        await harness.EvaluateAsync(harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000))));

        var failure = Assert.Single(harness.Events.Of<EvaluationFailed>());
        Assert.Equal(FailureCategory.User, failure.Category);
        Assert.Contains("104090", failure.Reason.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(harness.Events.Of<EvaluationCompleted>());
        Assert.Equal(DeviceState.Serving, harness.Actor.Summary.State);
    }

    [Fact]
    public async Task EvaluationForAnotherReservation_FailsAsInfrastructure()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");

        await harness.EvaluateAsync(harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000)), Guid.NewGuid()));

        Assert.Equal(FailureCategory.Infrastructure, Assert.Single(harness.Events.Of<EvaluationFailed>()).Category);
    }

    [Fact]
    public async Task PrepareForAKindNobodyServes_IsRefusedAndTheBoardStaysAvailable()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();

        harness.Actor.Enqueue(new PrepareBoard(new PrepareDevice(harness.ReservationId, "client-1", harness.Board.Serial, "usbip", new Dictionary<string, string>())));
        await harness.UntilAsync(() => harness.Events.Of<DeviceStateChanged>().Any(e => e.Reason.Contains("refused", StringComparison.Ordinal)));

        Assert.Equal(DeviceState.Available, harness.Actor.Summary.State);
        Assert.Empty(harness.Events.Of<DeviceInitialized>());
    }

    [Fact]
    public async Task BoardIgnoringTheTouch_IsBrokenWhenTheFlashDeadlinePasses()
    {
        var options = ActorHarness.GenerousOptions();
        options.FlashDeadline = TimeSpan.FromSeconds(5);
        await using var harness = ActorHarness.Create(options, board => board.IgnoresTouch = true);

        harness.Actor.Start();
        // Until the first touch, the flasher finds the board by reading the simulated sysfs tree from disk: moving the
        // fake clock meanwhile could pass the deadline before the touch on a busy machine. So wait for the ignored
        // touch with the clock still, then run it to the deadline.
        await harness.Clock.PumpUntilAsync(() => harness.Board.Faults.Fired.Contains(SimulatedFault.IgnoreTouch), TimeSpan.Zero);
        await harness.Clock.PumpUntilAsync(() => harness.Actor.Summary.State == DeviceState.Broken, TimeSpan.FromMilliseconds(10));

        var broken = harness.Events.Of<DeviceStateChanged>()[^1];
        Assert.Equal(DeviceHealth.Bad, broken.Health);
        // Which phase the deadline meets depends on the machine: a later attempt can still be reading the simulated sysfs
        // tree ("looking for the board") when the stepped clock passes its deadline (seen on a loaded CI machine).
        Assert.Contains("default_firmware.uf2 missed its deadline while", broken.Reason, StringComparison.Ordinal);
    }
}
