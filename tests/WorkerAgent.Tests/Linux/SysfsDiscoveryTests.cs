using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Linux;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging.Abstractions;

namespace IceFarm.WorkerAgent.Tests.Linux;

/// <summary>The sysfs walk (hardware.md §6.2) over trees the tests build by hand.</summary>
public sealed class SysfsDiscoveryTests : IDisposable
{
    private const string Serial = "1B66CE91AB184A50";
    private readonly FakeSysfs _sys = new();

    private SysfsBoardDiscovery Discovery => new(_sys.Root, NullLogger<SysfsBoardDiscovery>.Instance);

    [Fact]
    public async Task Plug_FindsTheBoardBySerialWithItsTtyTrimmedAndItsBusId()
    {
        _sys.Plug("1-2", "2e8a", "0009", Serial, devnum: 7);
        _sys.Plug("1-3", "046d", "c52b", "NOT-A-BOARD");

        var board = Assert.Single(await Discovery.ScanAsync(CancellationToken.None));

        Assert.Equal(new DiscoveredBoard(Serial, UsbIdentity.DefaultFirmware, Path.Join(_sys.Root, "dev", "ttyACM0"), null) { BusId = "1-2", Devnum = 7 }, board);
    }

    [Fact]
    public async Task Bootsel_ReportsThePartitionOnlyOnceItsNodeExists()
    {
        _sys.Plug("1-2", "2e8a", "000f", Serial, tty: null, partition: "sdb1");

        var board = Assert.Single(await Discovery.ScanAsync(CancellationToken.None));

        Assert.Equal(UsbIdentity.Bootsel, board.Identity);
        Assert.Equal(Path.Join(_sys.Root, "dev", "sdb1"), board.BootloaderVolume);
        File.Delete(Path.Join(_sys.Root, "dev", "sdb1"));
        Assert.Null(Assert.Single(await Discovery.ScanAsync(CancellationToken.None)).BootloaderVolume);
    }

    [Fact]
    public async Task MissingAttributes_SkipTheDeviceOrThePort()
    {
        _sys.Plug("1-2", "1209", "b1c0", serial: null);
        _sys.Plug("1-4", "1209", "b1c0", Serial, tty: "ttyACM3", ttyNode: false);

        var board = Assert.Single(await Discovery.ScanAsync(CancellationToken.None));

        Assert.Equal(Serial, board.Serial);
        Assert.Null(board.PortName);
    }

    [Fact]
    public async Task Reenumeration_OnAnotherPort_KeepsTheSerialAsKey()
    {
        _sys.Plug("1-2", "2e8a", "0009", Serial, devnum: 4);
        _sys.Unplug("1-2");
        _sys.Plug("3-1.4", "1209", "b1c0", Serial, devnum: 9, tty: "ttyACM1");

        var board = Assert.Single(await Discovery.ScanAsync(CancellationToken.None));

        Assert.Equal(("3-1.4", 9, UsbIdentity.EvaluationFirmware), (board.BusId, board.Devnum, board.Identity));
    }

    [Fact]
    public async Task Find_GivesTheBoardAsTheScanListsIt_AndNullForAnyOtherSerial()
    {
        _sys.Plug("1-2", "2e8a", "0009", Serial, devnum: 7);
        _sys.Plug("1-3", "2e8a", "000f", "BBBBBBBBBBBBBBBB", tty: null, partition: "sdc1");
        _sys.Plug("1-4", "1209", "b1c0", "CCCCCCCCCCCCCCCC", devnum: 3, tty: "ttyACM2");
        _sys.Plug("1-5", "046d", "c52b", "DDDDDDDDDDDDDDDD");

        var scanned = await Discovery.ScanAsync(CancellationToken.None);

        Assert.Equal(3, scanned.Count);
        foreach (var board in scanned)
        {
            Assert.Equal(board, await Discovery.FindAsync(board.Serial, CancellationToken.None));
        }

        Assert.Null(await Discovery.FindAsync("DDDDDDDDDDDDDDDD", CancellationToken.None)); // not a pico2-ice
        Assert.Null(await Discovery.FindAsync("EEEEEEEEEEEEEEEE", CancellationToken.None));
    }

    [Fact]
    public async Task Find_WithTheSerialOnTwoDevices_KeepsTheOneTheScanKeeps()
    {
        _sys.Plug("1-2", "2e8a", "0009", Serial, devnum: 4);
        _sys.Plug("1-3", "1209", "b1c0", Serial, devnum: 5, tty: "ttyACM1");

        var scanned = Assert.Single(await Discovery.ScanAsync(CancellationToken.None));

        Assert.Equal(scanned, await Discovery.FindAsync(Serial, CancellationToken.None));
    }

    [Fact]
    public async Task DanglingDevice_IsSkippedNotFatal()
    {
        _sys.Plug("1-2", "2e8a", "0009", Serial);
        _sys.Plug("1-5", "2e8a", "0009", "AAAAAAAAAAAAAAAA", tty: "ttyACM1");
        Directory.Delete(_sys.Device("1-5"), recursive: true); // the bus link now dangles, as mid-removal

        var board = Assert.Single(await Discovery.ScanAsync(CancellationToken.None));

        Assert.Equal(Serial, board.Serial);
    }

    [Fact]
    public async Task DirectoriesVanishingMidScan_NeverFailAScan()
    {
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                _sys.Plug("2-1", "2e8a", "0009", "CCCCCCCCCCCCCCCC", devnum: ++n, tty: "ttyACM5");
                _sys.Unplug("2-1");
            }
        });
        _sys.Plug("1-2", "2e8a", "0009", Serial);

        for (var i = 0; i < 300; i++)
        {
            var boards = await Discovery.ScanAsync(CancellationToken.None);
            Assert.Contains(boards, b => b.Serial == Serial);
            Assert.All(boards, b => Assert.Matches("^[0-9A-F]{16}$", b.Serial));
        }

        await stop.CancelAsync();
        await churn.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Polling_TurnsPlugAndUnplugIntoEvents()
    {
        var clock = TestBoards.Clock();
        var source = new SysfsPollingUeventSource(Discovery, TimeSpan.FromMilliseconds(500), clock);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = source.ListenAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();
        await clock.PumpUntilAsync(() => clock.GetUtcNow() > TestBoards.Clock().GetUtcNow() + TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));

        _sys.Plug("1-2", "2e8a", "0009", Serial);
        await clock.PumpUntilAsync(() => next.IsCompleted, TimeSpan.FromMilliseconds(100));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(("add", Serial), (events.Current.Action, events.Current.Properties["ID_SERIAL_SHORT"]));

        _sys.Unplug("1-2");
        next = events.MoveNextAsync().AsTask();
        await clock.PumpUntilAsync(() => next.IsCompleted, TimeSpan.FromMilliseconds(100));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("remove", events.Current.Action);
    }

    public void Dispose() => _sys.Dispose();
}
