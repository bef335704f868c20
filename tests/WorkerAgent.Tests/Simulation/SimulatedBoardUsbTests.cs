using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Simulation;

/// <summary>USB behaviour: the 1200-baud touch, BOOTSEL, the UF2 write and re-enumeration (hardware.md §2, §8.2).</summary>
public sealed class SimulatedBoardUsbTests
{
    [Fact]
    public async Task BaudChangeTo1200_RebootsIntoBootselWithTheSameSerial()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        var port = await TestBoards.OpenAsync(board, dtr: false, baudRate: 9600);

        await port.SetBaudRateAsync(1200, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(SimulatedBoardMode.Application, board.Mode);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SimulatedBoardMode.Absent, board.Mode);
        Assert.Null(board.Describe());
        await Assert.ThrowsAsync<IOException>(() => port.ReadAsync(new byte[1], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(new DiscoveredBoard(board.Serial, UsbIdentity.Bootsel, null, null), board.Describe()! with { BusId = null, Devnum = 0 });
        clock.Advance(TimeSpan.FromMilliseconds(1300));
        Assert.Equal(board.VolumeName, board.Describe()!.BootloaderVolume);
    }

    [Fact]
    public async Task OpeningAt1200_AlsoTouches_BecauseTheRateChangesFromTheProbeDefault()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.Default);

        await using var port = await TestBoards.OpenAsync(board, dtr: false, baudRate: 1200);
        clock.Advance(TimeSpan.FromMilliseconds(700));

        Assert.Equal(UsbIdentity.Bootsel, board.Describe()!.Identity);
    }

    [Fact]
    public async Task A1200Request_OnAPortAlreadyAt1200_SendsNothing()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        board.IgnoresTouch = true;
        await using var port = await TestBoards.OpenAsync(board, dtr: false, baudRate: 9600);
        await port.SetBaudRateAsync(1200, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        board.IgnoresTouch = false;

        await port.SetBaudRateAsync(1200, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SimulatedBoardMode.Application, board.Mode);

        await port.SetBaudRateAsync(9600, CancellationToken.None);
        await port.SetBaudRateAsync(1200, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SimulatedBoardMode.Bootsel, board.Mode);
    }

    [Fact]
    public async Task Uf2Write_RebootsIntoTheNewImageAfterTheProfilesDelays()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.Default);
        await (await TestBoards.OpenAsync(board, dtr: false, baudRate: 1200)).CloseAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(10 + 600 + 1300));
        var devnum = board.Devnum;
        var image = new SimulatedFirmwareCatalog().Get(FirmwareKind.Variance);
        var writer = new BlockDeviceBootloaderWriter(new SimulatedBlockDevices(new SimulatedFarm([board])));

        var write = writer.WriteAsync(board.Serial, board.VolumeName!, image, CancellationToken.None);
        await clock.PumpUntilAsync(() => write.IsCompleted);
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromMilliseconds(480));
        Assert.Equal(SimulatedBoardMode.Bootsel, board.Mode);
        clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(SimulatedBoardMode.Absent, board.Mode);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(new DiscoveredBoard(board.Serial, UsbIdentity.EvaluationFirmware, null, null), board.Describe()! with { BusId = null, Devnum = 0 });
        clock.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(new DiscoveredBoard(board.Serial, UsbIdentity.EvaluationFirmware, board.PortName, null), board.Describe()! with { BusId = null, Devnum = 0 });
        Assert.Equal(FirmwareKind.Variance, board.InstalledImage);
        Assert.Equal(devnum + 1, board.Devnum);
    }

    [Fact]
    public async Task SecondOpener_IsRefusedLikeTiocexcl()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.Default);
        await using var first = await TestBoards.OpenAsync(board);

        await Assert.ThrowsAsync<IOException>(() => TestBoards.OpenAsync(board));
    }

    [Fact]
    public void Farm_DerivesStableDistinctSerialsFromTheWorkerName()
    {
        var clock = TestBoards.Clock();
        var first = SimulatedFarm.Create("worker-a", 3, SimulationProfile.Fast, clock);
        var again = SimulatedFarm.Create("worker-a", 3, SimulationProfile.Fast, clock);
        var other = SimulatedFarm.Create("worker-b", 3, SimulationProfile.Fast, clock);

        var serials = first.Boards.Select(b => b.Serial).ToArray();
        Assert.All(serials, s => Assert.Matches("^[0-9A-F]{16}$", s));
        Assert.Equal(3, serials.Distinct().Count());
        Assert.Equal(serials, again.Boards.Select(b => b.Serial));
        Assert.Empty(serials.Intersect(other.Boards.Select(b => b.Serial)));
    }
}
