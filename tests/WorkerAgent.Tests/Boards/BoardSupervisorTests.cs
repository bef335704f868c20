using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Usb;

namespace IceFarm.WorkerAgent.Tests.Boards;

/// <summary>Hot-plug and the farm-level faults of hardware.md §8.5 (#5, #11, #12, #13) through the real supervisor.</summary>
public sealed class BoardSupervisorTests
{
    [Fact]
    public async Task F12_UnplugDuringAReservation_GoesOffline_AndReplugOnAnotherPortIsRediscovered()
    {
        await using var farm = FarmHarness.Create(1);
        await farm.StartAsync();
        var board = farm.Farm.Boards[0];
        var actor = farm.Registry.Find(board.Serial)!;
        var reservation = Guid.NewGuid();
        actor.Enqueue(new PrepareBoard(new PrepareDevice(reservation, "client-1", board.Serial, "pulsecount", new Dictionary<string, string>())));
        await farm.UntilAsync(() => actor.Summary.State == DeviceState.Serving);

        board.Unplug();
        var evaluation = new EvaluateBitstream(reservation, "client-1", Guid.NewGuid(), Guid.NewGuid(), board.Serial, "a.bin", BitstreamGenerator.Generate(new CircuitDesign(2000)));
        actor.Enqueue(new EvaluateOnBoard(evaluation));
        await farm.UntilAsync(() => actor.Summary.State == DeviceState.Offline, TimeSpan.FromMilliseconds(20));

        Assert.Contains($"reservation {reservation}", actor.Summary.Reason, StringComparison.Ordinal);
        Assert.Null(actor.Summary.ReservationId);
        var failed = Assert.Single(farm.Events.Of<EvaluationFailed>());
        Assert.Equal(evaluation.EvaluationId, failed.EvaluationId);

        board.PlugInLive("3-1.4");
        await farm.UntilAsync(() => actor.Summary.State == DeviceState.Available, TimeSpan.FromMilliseconds(20));
        Assert.Same(actor, farm.Registry.Find(board.Serial));
        Assert.Contains("back on USB at 3-1.4", farm.Events.Of<DeviceStateChanged>().Select(e => e.Reason));
    }

    [Fact]
    public async Task F13_BoardThatNeverReEnumeratesAfterAFlash_GoesOffline_NotStuck()
    {
        await using var farm = FarmHarness.Create(1);
        await farm.StartAsync();
        var board = farm.Farm.Boards[0];
        var actor = farm.Registry.Find(board.Serial)!;
        board.Faults.Always(SimulatedFault.NoEnumeration);

        actor.Enqueue(new RebootBoard("admin:ops"));

        await farm.UntilAsync(() => actor.Summary.State == DeviceState.Offline, TimeSpan.FromMilliseconds(20));
        Assert.Contains("never re-enumerated", actor.Summary.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenBoard_IsRetriedPeriodically()
    {
        var options = ActorHarness.FaultOptions();
        options.BrokenRetryInterval = TimeSpan.FromMinutes(1);
        await using var farm = FarmHarness.Create(1, options);
        var board = farm.Farm.Boards[0];
        board.IgnoresTouch = true;
        await farm.Supervisor.StartAsync(CancellationToken.None);
        await farm.UntilAsync(() => farm.StateOf(board) == DeviceState.Broken, TimeSpan.FromMilliseconds(20));

        board.IgnoresTouch = false;

        await farm.UntilAsync(() => farm.StateOf(board) == DeviceState.Available, TimeSpan.FromMilliseconds(50));
        Assert.True(farm.Clock.GetUtcNow() - TestBoards.Clock().GetUtcNow() >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task BrokenBoard_ReplugedQuickly_IsRetriedAtOnce_NotAfterTheRetryInterval()
    {
        // Replugged faster than OfflineAfter the board never goes Offline; its new USB device number says it came back.
        var options = ActorHarness.FaultOptions();
        options.BrokenRetryInterval = TimeSpan.FromHours(1);
        await using var farm = FarmHarness.Create(1, options);
        var board = farm.Farm.Boards[0];
        board.IgnoresTouch = true;
        await farm.Supervisor.StartAsync(CancellationToken.None);
        await farm.UntilAsync(() => farm.StateOf(board) == DeviceState.Broken, TimeSpan.FromMilliseconds(20));
        var brokenAt = farm.Clock.GetUtcNow();
        var devnum = board.Devnum;

        // The supervisor notes a Broken board's device number on its first scan that sees it Broken; a scan
        // already running when the state changed may have read the old state, so wait for two more.
        var scans = farm.Supervisor.Reconciled;
        await farm.UntilAsync(() => farm.Supervisor.Reconciled >= scans + 2, TimeSpan.FromMilliseconds(50));

        board.IgnoresTouch = false;
        board.Unplug();
        board.PlugIn();

        await farm.UntilAsync(() => farm.StateOf(board) == DeviceState.Available, TimeSpan.FromMilliseconds(20));
        Assert.True(board.Devnum > devnum);
        Assert.True(farm.Clock.GetUtcNow() - brokenAt < TimeSpan.FromMinutes(1), "retried on the replug, not by the hourly retry");
        Assert.DoesNotContain(DeviceState.Offline, farm.Events.Of<DeviceStateChanged>().Select(e => e.State));
    }

    [Fact]
    public async Task F5_F11_DuplicatedReorderedAndForeignUevents_AndTtyRenumbering_LeaveOneActorPerSerial()
    {
        await using var farm = FarmHarness.Create(2);
        farm.Farm.Bus.Uevents.DuplicateProbability = 0.3;
        farm.Farm.Bus.Uevents.ReorderProbability = 0.3;
        await farm.StartAsync();
        farm.Farm.Bus.Uevents.Inject(new Uevent("add", "/devices/pci0000:00/0000:00:14.0/usb1/1-9", new Dictionary<string, string> { ["SUBSYSTEM"] = "usb" }));
        farm.Farm.Bus.Uevents.Inject(new Uevent("remove", "/devices/pci0000:00/0000:00:14.0/usb1/1-7", new Dictionary<string, string> { ["SUBSYSTEM"] = "usb" }));

        // Re-flash both boards one after the other: each re-enumeration takes the lowest free ttyACM.
        foreach (var board in farm.Farm.Boards)
        {
            farm.Registry.Find(board.Serial)!.Enqueue(new RebootBoard("admin:ops"));
        }

        await farm.UntilAsync(() => farm.Events.Of<DeviceStateChanged>().Count(e => e.State == DeviceState.Available) >= 4);
        Assert.Equal(2, farm.Registry.All.Count);
        Assert.All(farm.Registry.All, a => Assert.Equal(DeviceState.Available, a.Summary.State));
        Assert.Equal(farm.Farm.Boards.Select(b => b.Serial).Order(StringComparer.Ordinal), farm.Registry.All.Select(a => a.Serial));
        var ports = farm.Farm.Boards.Select(b => b.PortName).ToList();
        Assert.All(ports, Assert.NotNull);
        Assert.Equal(2, ports.Distinct().Count());
    }

    [Fact]
    public async Task Forget_DropsTheBoardsState_AndRediscoversItFromScratch()
    {
        await using var farm = FarmHarness.Create(1);
        await farm.StartAsync();
        var board = farm.Farm.Boards[0];
        var before = farm.Registry.Find(board.Serial)!;

        await farm.Supervisor.ForgetAsync(board.Serial, "admin:ops", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await farm.UntilAsync(() => farm.Registry.Find(board.Serial) is { } again && again != before && again.Summary.State == DeviceState.Available, TimeSpan.FromMilliseconds(20));
    }
}
