using System.Text.RegularExpressions;
using IceFarm.Contracts.Bitstreams;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Simulation;

/// <summary>The evaluation firmware's serial transcript, byte for byte (hardware.md §5.2–5.5).</summary>
public sealed class SimulatedBoardTranscriptTests
{
    private const string Ready = "Waiting for bitstream transfer\r\n";
    private const string Reconnect = "IDLE\r\nUSB Connected :)\r\nUSB Reconnected :)\r\n" + Ready;

    // 104,090 bytes at 0.7 MB/s.
    private static readonly TimeSpan TransferTime = TimeSpan.FromMicroseconds(148_700);

    [Fact]
    public async Task FirstOpenAfterBoot_PrintsConnectedAndReady()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);

        await using var port = await TestBoards.OpenAsync(board);

        Assert.Equal("USB Connected :)\r\n" + Ready, await port.DrainAsync());
    }

    [Fact]
    public async Task PulseEvaluation_PrintsTheTranscriptAtTheProfilesTimes()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        await using var port = await TestBoards.OpenAsync(board);
        await port.DrainAsync();

        // Zeros fail validation: the FPGA stays unconfigured and counts nothing, flash times look normal.
        await port.WriteAsync(new byte[Ice40Bitstream.Up5kSize], CancellationToken.None);
        Assert.Equal("Bitstream transfer started\r\nReceiving bitstream\r\n", await port.DrainAsync());

        clock.Advance(TransferTime - TimeSpan.FromMicroseconds(1));
        Assert.Equal(string.Empty, await port.DrainAsync());
        clock.Advance(TimeSpan.FromMicroseconds(1));
        Assert.Equal("Received bitstream in 148700 us :)\r\nFlashing FPGA\r\n", await port.DrainAsync());

        clock.Advance(TimeSpan.FromMilliseconds(1024));
        Assert.Equal(string.Empty, await port.DrainAsync());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(
            "FPGA Flash times (us): init 5, start 2, open 1312, write 22170, close 11\r\n, pulses: 0\r\n" + Reconnect,
            await port.DrainAsync());
    }

    [Fact]
    public async Task PulseEvaluation_OfAGenerated2kHzDesign_CountsAlmost2000()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        await using var port = await TestBoards.OpenAsync(board);
        await port.DrainAsync();

        await port.WriteAsync(BitstreamGenerator.Generate(new CircuitDesign(2000)), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));

        var pulses = Regex.Match(await port.DrainAsync(), @"\r\n, pulses: (\d+)\r\n");
        Assert.True(pulses.Success);
        Assert.InRange(int.Parse(pulses.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1994, 2000);
    }

    [Fact]
    public async Task VarianceEvaluation_Prints500TwelveBitSamplesAfterSettling()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.Variance);
        await using var port = await TestBoards.OpenAsync(board);
        await port.DrainAsync();

        await port.WriteAsync(BitstreamGenerator.Generate(new CircuitDesign(2000, WaveShape.Sine, 3000)), CancellationToken.None);
        clock.Advance(TransferTime + TimeSpan.FromMilliseconds(25));
        Assert.Equal(
            "Bitstream transfer started\r\nReceiving bitstream\r\nReceived bitstream in 148700 us :)\r\nFlashing FPGA\r\n"
            + "FPGA Flash times (us): init 5, start 2, open 1312, write 22170, close 11\r\nSampling ADC\r\n",
            await port.DrainAsync());

        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(string.Empty, await port.DrainAsync());
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var rest = await port.DrainAsync();
        Assert.EndsWith("\r\n" + Reconnect, rest);
        var line = rest[..rest.IndexOf("\r\n", StringComparison.Ordinal)];
        Assert.Matches(@"^samples: \d{1,4}(,\d{1,4}){499}$", line);
        var samples = line["samples: ".Length..].Split(',').Select(int.Parse).ToArray();
        Assert.All(samples, s => Assert.InRange(s, 0, 4095));
        Assert.True(samples.Max() - samples.Min() > 2000, "a 3000-count sine should swing well beyond the noise");
    }

    [Fact]
    public async Task TooFewBytes_TriggerTheWatchdogTwoSecondsAfterTheFirstByte()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        await using var port = await TestBoards.OpenAsync(board);
        await port.DrainAsync();

        await port.WriteAsync(new byte[600], CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await port.WriteAsync(new byte[400], CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Equal("Bitstream transfer started\r\nReceiving bitstream\r\n", await port.DrainAsync());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("Watchdog timeout, 1000 bytes received of 104090\r\n" + Ready, await port.DrainAsync());
    }

    [Fact]
    public async Task SurplusBytes_StartTheNextTransfer()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        await using var port = await TestBoards.OpenAsync(board);
        await port.DrainAsync();

        await port.WriteAsync(new byte[Ice40Bitstream.Up5kSize + 10], CancellationToken.None);
        clock.Advance(TransferTime + TimeSpan.FromMilliseconds(1025));
        Assert.EndsWith(Reconnect + "Bitstream transfer started\r\nReceiving bitstream\r\n", await port.DrainAsync());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Watchdog timeout, 10 bytes received of 104090\r\n" + Ready, await port.DrainAsync());
    }

    [Fact]
    public async Task WithoutDtr_TheEvaluationFirmwareIsSilentUntilDtrRises()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        await using var port = await TestBoards.OpenAsync(board, dtr: false);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(string.Empty, await port.DrainAsync());

        await port.SetDtrAsync(true, CancellationToken.None);
        Assert.Equal("USB Connected :)\r\n" + Ready, await port.DrainAsync());
    }

    [Fact]
    public async Task Reopening_DeliversTheStaleDisconnectLineThenReconnects()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.PulseCount);
        var first = await TestBoards.OpenAsync(board);
        await first.DrainAsync();
        await first.CloseAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        await using var second = await TestBoards.OpenAsync(board);

        Assert.Equal("USB Disconnected :(\r\nUSB Reconnected :)\r\n" + Ready, await second.DrainAsync());
    }

    [Fact]
    public async Task DefaultFirmware_PrintsItsLineEveryPeriodOnlyWhileDtrIsHigh()
    {
        var clock = TestBoards.Clock();
        var board = TestBoards.PluggedIn(clock, FirmwareKind.Default);
        await using var port = await TestBoards.OpenAsync(board, dtr: false);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, await port.DrainAsync());

        await port.SetDtrAsync(true, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(3));
        Assert.Equal(string.Concat(Enumerable.Repeat("default firmware\r\n", 3)), await port.DrainAsync());

        await port.SetDtrAsync(false, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, await port.DrainAsync());
    }

    [Fact]
    public async Task WatchdogAndCompletionDueTogether_OnALateClock_TheFirmwareTakesOnlyOneBranch()
    {
        // Root cause of the "0 or an earlier bitstream's count" bug under load: the watchdog disposed the
        // completion step, but a thread-pool timer already queued ran it anyway (and the other way round),
        // so the simulated firmware printed a watchdog line and then a result, which no firmware does.
        var clock = new LateTimerClock();
        var board = new SimulatedBoard("1B66CE91AB184A50", FirmwareKind.PulseCount, TestBoards.Exact with { TransferWatchdog = TimeSpan.FromMilliseconds(100) }, clock, seed: 7);
        board.PlugIn();
        await using var port = await TestBoards.OpenAsync(board);
        await port.DrainAsync();

        await port.WriteAsync(BitstreamGenerator.Generate(new CircuitDesign(2000)), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(
            "Bitstream transfer started\r\nReceiving bitstream\r\nWatchdog timeout, 70000 bytes received of 104090\r\n" + Ready,
            await port.DrainAsync());
    }
}
