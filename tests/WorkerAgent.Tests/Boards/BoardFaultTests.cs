using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Boards;

/// <summary>The worker's reaction to each board-side fault of hardware.md §8.5: bounded retries, the recovery ladder, the right state and reason.</summary>
public sealed class BoardFaultTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private static readonly int[] Frequencies = [1000, 2000, 4000];

    [Fact]
    public async Task F1_TouchIgnored_IsBrokenWithTheReason_AndRecoversAfterBootselIsPressed()
    {
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions(), b => b.IgnoresTouch = true);
        harness.Actor.Start();
        await harness.UntilAsync(() => harness.Actor.Summary.State == DeviceState.Broken, Step);
        Assert.Contains("BOOTSEL", harness.Actor.Summary.Reason, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", harness.Actor.Summary.Reason, StringComparison.Ordinal);

        harness.Board.IgnoresTouch = false;
        harness.Board.PressBootsel();
        harness.Actor.Enqueue(new StartBoard());

        await harness.UntilAsync(() => harness.Actor.Summary.State == DeviceState.Available, Step);
        Assert.Equal(FirmwareKind.Default, harness.Board.InstalledImage);
    }

    [Theory]
    [InlineData(nameof(SimulatedFault.UnplugDuringUf2Write))]
    [InlineData(nameof(SimulatedFault.BlockDeviceBusy))]
    public async Task F2_F4_F10_OneFailedFlash_IsRetriedOnce_AndTheBoardBecomesAvailable(string faultName)
    {
        var fault = Enum.Parse<SimulatedFault>(faultName);
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions(), b => b.Faults.Next(fault));

        harness.Actor.Start();

        await harness.UntilAsync(() => harness.Actor.Summary.State is DeviceState.Available or DeviceState.Broken, Step);
        Assert.True(harness.Actor.Summary.State == DeviceState.Available, harness.Actor.Summary.Reason);
        Assert.Equal([fault], harness.Board.Faults.Fired);
    }

    [Fact]
    public async Task F4_PartitionThatNeverAppears_BreaksTheBoardWithThePhaseInTheReason()
    {
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions(), b => b.Faults.Next(SimulatedFault.PartitionNeverAppears));

        harness.Actor.Start();

        await harness.UntilAsync(() => harness.Actor.Summary.State == DeviceState.Broken, Step);
        Assert.Contains("while waiting for BOOTSEL and its drive", harness.Actor.Summary.Reason, StringComparison.Ordinal);
        Assert.Equal(SimulatedBoardMode.Bootsel, harness.Board.Mode);
    }

    [Fact]
    public async Task F3_ImageThatDoesNotBoot_BreaksTheBoardFast_WithTheRomsReason()
    {
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions());
        await harness.StartAsync();
        harness.Board.Faults.Always(SimulatedFault.ImageDoesNotBoot);

        harness.Actor.Enqueue(new PrepareBoard(new PrepareDevice(harness.ReservationId, "client-1", harness.Board.Serial, "pulsecount", new Dictionary<string, string>())));

        await harness.UntilAsync(() => harness.Actor.Summary.State == DeviceState.Broken, Step);
        Assert.True(harness.Board.Faults.Fired.Contains(SimulatedFault.ImageDoesNotBoot), harness.Actor.Summary.Reason);
        Assert.Contains("bitstream_over_usb.uf2", harness.Actor.Summary.Reason, StringComparison.Ordinal);
        Assert.Contains(SimulatedFault.ImageDoesNotBoot, harness.Board.Faults.Fired);
        Assert.Empty(harness.Events.Of<DeviceInitialized>());
        Assert.Equal(SimulatedBoardMode.Bootsel, harness.Board.Mode);
    }

    [Fact]
    public async Task F4_TtyThatNeverAppears_BreaksTheBoardAtTheFlashDeadline()
    {
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions());
        await harness.StartAsync();
        harness.Board.Faults.Always(SimulatedFault.TtyNeverUsable);

        harness.Actor.Enqueue(new ReleaseBoard(new ReleaseDevice(harness.ReservationId, harness.Board.Serial, "x")));
        harness.Actor.Enqueue(new RebootBoard("admin:ops"));

        await harness.UntilAsync(() => harness.Actor.Summary.State == DeviceState.Broken, Step);
        Assert.Equal(DeviceState.Broken, harness.Actor.Summary.State);
        Assert.Contains("default_firmware.uf2 missed its deadline", harness.Actor.Summary.Reason, StringComparison.Ordinal);
        Assert.Equal(SimulatedBoardMode.Application, harness.Board.Mode);
    }

    [Theory]
    [InlineData(nameof(SimulatedFault.FirmwareHangs))]
    [InlineData(nameof(SimulatedFault.WritesBlock))]
    [InlineData(nameof(SimulatedFault.GarbledResult))]
    public async Task F6_F8_OneBadEvaluation_IsRecoveredAndRetriedOnce_GivingExactlyOneResult(string faultName)
    {
        var fault = Enum.Parse<SimulatedFault>(faultName);
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions());
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        harness.Board.Faults.Next(fault);

        var evaluation = harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(8000)));
        await harness.EvaluateAsync(evaluation);

        Assert.True(harness.Events.Of<EvaluationFailed>().Count == 0, string.Join(" | ", harness.Events.Of<EvaluationFailed>().Select(f => f.Reason)) + " // " + string.Join(" | ", harness.Events.Of<DeviceStateChanged>().Select(e => e.Reason)));
        var result = Assert.Single(harness.Events.Of<EvaluationCompleted>());
        Assert.InRange(result.Value.Pulses!.Value, 7994, 8000);
        Assert.Equal([fault], harness.Board.Faults.Fired);
        Assert.Equal(DeviceState.Serving, harness.Actor.Summary.State);
    }

    [Fact]
    public async Task F6_FirmwareThatAlwaysHangs_FailsTheEvaluationAfterOneRetry_AndTheBoardStaysServing()
    {
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions());
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        harness.Board.Faults.Next(SimulatedFault.FirmwareHangs, times: 2);

        await harness.EvaluateAsync(harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000))));

        var failure = Assert.Single(harness.Events.Of<EvaluationFailed>());
        Assert.Equal(FailureCategory.Device, failure.Category);
        Assert.Contains("failed again after recovery", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Events.Of<EvaluationCompleted>());
        Assert.Equal(DeviceState.Serving, harness.Actor.Summary.State);
        Assert.True(harness.States.Count(s => s == DeviceState.Preparing) >= 2, "the recovery ladder reached the reflash");
    }

    [Fact]
    public async Task F6_SlowClose_DoesNotStallTheRelease()
    {
        var options = ActorHarness.FaultOptions();
        options.FlashDeadline = TimeSpan.FromSeconds(30);
        options.CloseDeadline = TimeSpan.FromSeconds(1);
        await using var harness = ActorHarness.Create(options);
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        harness.Board.Faults.Next(SimulatedFault.SlowClose);

        harness.Actor.Enqueue(new ReleaseBoard(new ReleaseDevice(harness.ReservationId, harness.Board.Serial, "done")));

        await harness.UntilAsync(() => harness.States.Count(s => s == DeviceState.Available) == 2, TimeSpan.FromMilliseconds(20));
        Assert.Equal([SimulatedFault.SlowClose], harness.Board.Faults.Fired);
    }

    [Fact]
    public async Task F7_StrayBytesInWait_AreWaitedOut_AndTheResultIsRight()
    {
        // The stray transfer ends only at the firmware's watchdog, which stays long here so that the real
        // bitstream that follows cannot be outrun by the pump either; the ready wait covers it.
        var options = ActorHarness.FaultOptions();
        options.ReadyDeadline = TimeSpan.FromMinutes(2);
        options.EvaluationDeadline = TimeSpan.FromMinutes(2);
        await using var harness = ActorHarness.Create(options);
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        harness.Board.InjectStrayBytes("AT\r"u8);

        var evaluation = harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(32000)));
        harness.Actor.Enqueue(new EvaluateOnBoard(evaluation));
        await harness.UntilAsync(() => harness.Events.Of<EvaluationCompleted>().Count + harness.Events.Of<EvaluationFailed>().Count > 0, TimeSpan.FromMilliseconds(50));

        // Never a wrong measurement: the bitstream went out only after the stray transfer's watchdog. (On a
        // loaded machine the pump may outrun the send's deadline, which then fails it as a device fault.)
        Assert.Equal(1, harness.Events.Of<EvaluationCompleted>().Count + harness.Events.Of<EvaluationFailed>().Count);
        Assert.All(harness.Events.Of<EvaluationCompleted>(), r => Assert.InRange(r.Value.Pulses!.Value, 31994, 32000));
        Assert.All(harness.Events.Of<EvaluationFailed>(), f => Assert.Equal(FailureCategory.Device, f.Category));
    }

    [Fact]
    public async Task Reboot_KeepsTheReservationAndItsQueue()
    {
        await using var harness = ActorHarness.Create(ActorHarness.FaultOptions());
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        var evaluations = Frequencies.Select(hz => harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(hz)))).ToArray();

        harness.Actor.Enqueue(new RebootBoard("admin:ops"));
        await harness.EvaluateAsync(evaluations);

        Assert.Equal(evaluations.Select(e => e.EvaluationId), harness.Events.Of<EvaluationCompleted>().Select(r => r.EvaluationId));
        Assert.Equal(2, harness.Events.Of<DeviceInitialized>().Count);
        Assert.Equal(harness.ReservationId, harness.Actor.Summary.ReservationId);
        Assert.Contains("reboot requested by admin:ops", harness.Events.Of<DeviceStateChanged>().Select(e => e.Reason).First(r => r.Contains("reboot", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
