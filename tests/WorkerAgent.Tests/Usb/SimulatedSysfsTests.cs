using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging.Abstractions;

namespace IceFarm.WorkerAgent.Tests.Usb;

/// <summary>The production sysfs discovery reading the tree the simulator materialises (hardware.md §6, §8.1).</summary>
public sealed class SimulatedSysfsTests : IDisposable
{
    private readonly SimulatedSysfsRoot _root = new("sysfs-test");

    [Fact]
    public async Task Discovery_FindsEachBoardWithItsProtocolTtyAndBusId()
    {
        var clock = TestBoards.Clock();
        var farm = SimulatedFarm.Create("w", 2, SimulationProfile.Fast, clock, _root.Path);
        var discovery = new SysfsBoardDiscovery(_root.Path, NullLogger<SysfsBoardDiscovery>.Instance);

        var boards = await discovery.ScanAsync(CancellationToken.None);

        Assert.Equal(farm.Boards.Select(b => b.Serial).Order(StringComparer.Ordinal), boards.Select(b => b.Serial));
        Assert.All(boards, b => Assert.Equal(UsbIdentity.DefaultFirmware, b.Identity));
        Assert.All(boards, b => Assert.Equal(farm.FindBySerial(b.Serial)!.PortName, b.PortName));
        Assert.Equal(
            [Path.Join(_root.Path, "dev", "ttyACM0"), Path.Join(_root.Path, "dev", "ttyACM1")],
            farm.Boards.Select(b => b.PortName));
        Assert.Equal(["1-1", "1-2"], farm.Boards.Select(b => boards.Single(d => d.Serial == b.Serial).BusId));
        Assert.Equal("0009\n", File.ReadAllText(Path.Join(_root.Path, "sys/bus/usb/devices/1-1/idProduct")));
    }

    [Fact]
    public async Task Touch_ShowsBootselThenItsPartitionAfterTheStorageDelay()
    {
        var clock = TestBoards.Clock();
        var farm = SimulatedFarm.Create("w", 1, TestBoards.Exact, clock, _root.Path);
        var board = farm.Boards[0];
        var discovery = new SysfsBoardDiscovery(_root.Path, NullLogger<SysfsBoardDiscovery>.Instance);
        await (await TestBoards.OpenAsync(board, dtr: false, baudRate: 1200)).CloseAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Empty(await discovery.ScanAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(600));
        var bootsel = Assert.Single(await discovery.ScanAsync(CancellationToken.None));
        Assert.Equal((UsbIdentity.Bootsel, null, null, 2), (bootsel.Identity, bootsel.PortName, bootsel.BootloaderVolume, bootsel.Devnum));
        clock.Advance(TimeSpan.FromMilliseconds(1300));
        bootsel = Assert.Single(await discovery.ScanAsync(CancellationToken.None));
        Assert.Equal(Path.Join(_root.Path, "dev", "sda1"), bootsel.BootloaderVolume);
        Assert.Equal(board.VolumeName, bootsel.BootloaderVolume);
    }

    [Fact]
    public void Uevents_FollowTheKernelsOrder_AndRemovalRunsInReverse()
    {
        var clock = TestBoards.Clock();
        var board = new SimulatedBoard("1B66CE91AB184A50", FirmwareKind.PulseCount, TestBoards.Exact, clock, 1, new SimulatedUsbBus(_root.Path), "1-2");

        board.PlugInLive();
        clock.Advance(TimeSpan.FromSeconds(1));
        board.Unplug();

        var events = board.Bus.Uevents.History.Select(e => $"{e.Action} {e.Subsystem}/{e.DevType}{(e.Properties.TryGetValue("DEVNAME", out var n) ? " " + n : "")}").ToList();
        Assert.Equal("add usb/usb_device", events[0]);
        Assert.Equal(["add tty/ ttyACM0", "add tty/ ttyACM1"], events.Where(e => e.StartsWith("add tty", StringComparison.Ordinal)));
        Assert.True(events.IndexOf("bind usb/usb_device") < events.IndexOf("add tty/ ttyACM0"));
        Assert.Equal("remove usb/usb_device", events[^1]);
        Assert.True(events.IndexOf("remove tty/ ttyACM0") < events.IndexOf("remove usb/usb_device"));
        Assert.All(board.Bus.Uevents.History, e => Assert.Equal("1-2", e.BusId));
        Assert.False(Directory.Exists(Path.Join(_root.Path, "sys/bus/usb/devices/1-2")));
    }

    [Fact]
    public async Task UeventFaults_DuplicateAndReorderWhatListenersSee_NotWhatTheKernelSent()
    {
        var bus = new SimulatedUsbBus(_root.Path);
        bus.Uevents.DuplicateProbability = 0.5;
        bus.Uevents.ReorderProbability = 0.5;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // The iterator registers its listener before its first await, so nothing emitted after this is missed.
        var listener = bus.Uevents.ListenAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = listener.MoveNextAsync();
        var board = new SimulatedBoard("1B66CE91AB184A50", FirmwareKind.PulseCount, TestBoards.Exact, TestBoards.Clock(), 1, bus, "1-2");

        board.PlugIn();
        board.Unplug();
        var seen = new List<Uevent>();
        while (seen.Count < 12 && await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            seen.Add(listener.Current);
            next = listener.MoveNextAsync();
        }

        var sent = bus.Uevents.History.Select(e => e.Properties["SEQNUM"]).ToList();
        var received = seen.Select(e => e.Properties["SEQNUM"]).ToList();
        Assert.NotEqual(sent.Take(received.Count), received);
        Assert.True(received.Count > received.Distinct().Count() || !received.SequenceEqual(received.Order(StringComparer.Ordinal)));
    }

    public void Dispose() => _root.Dispose();
}
