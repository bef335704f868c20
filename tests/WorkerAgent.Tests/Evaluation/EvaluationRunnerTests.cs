using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Evaluation;
using IceFarm.WorkerAgent.Kinds;
using IceFarm.WorkerAgent.Protocol;
using IceFarm.WorkerAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IceFarm.WorkerAgent.Tests.Evaluation;

/// <summary>
/// A result is attributed to a bitstream only when it ends that bitstream's own transcript (bug: after a
/// watchdog, a board's results carried 0 or the count of an earlier bitstream).
/// </summary>
public sealed class EvaluationRunnerTests
{
    private const string Ready = "Waiting for bitstream transfer\r\n";
    private const string FlashTimes = "FPGA Flash times (us): init 5, start 2, open 1312, write 22170, close 11\r\n";
    private const string AfterResult = "IDLE\r\nUSB Connected :)\r\nUSB Reconnected :)\r\n" + Ready;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static BoardOptions Options() => new() { ReadyDeadline = TimeSpan.FromSeconds(3), EvaluationDeadline = TimeSpan.FromSeconds(6) };

    private static string OwnTranscript(int pulses) =>
        $"Bitstream transfer started\r\nReceiving bitstream\r\nReceived bitstream in 148700 us :)\r\nFlashing FPGA\r\n{FlashTimes}, pulses: {pulses}\r\n{AfterResult}";

    [Fact]
    public async Task OwnTranscript_GivesTheCountWithTheBoardsTelemetry()
    {
        var (port, session, clock) = await OpenAsync(Ready);
        port.OnWritten = total => total == Ice40Bitstream.Up5kSize ? OwnTranscript(1998) : null;

        var outcome = await new EvaluationRunner(Options(), clock, NullLogger.Instance)
            .RunAsync(session, new PulseCountKind(), PulseCountArguments.Instance, new byte[Ice40Bitstream.Up5kSize], CancellationToken.None).WaitAsync(Wait);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(1998, outcome.Value!.Pulses);
        Assert.Equal(148_700, outcome.Telemetry!.TransferMicroseconds);
        Assert.Equal([5L, 2, 1312, 22170, 11], outcome.Telemetry.FlashTimesMicroseconds);
    }

    [Fact]
    public async Task ALateResultOfAnEarlierTransfer_IsAFailureNotThisBitstreamsValue()
    {
        // The firmware was still measuring the previous bitstream: its count arrives before this transfer starts.
        var (port, session, clock) = await OpenAsync(Ready);
        port.OnWritten = total => total == Ice40Bitstream.Up5kSize ? FlashTimes + ", pulses: 7996\r\n" + AfterResult + "Bitstream transfer started\r\n" : null;

        var outcome = await new EvaluationRunner(Options(), clock, NullLogger.Instance)
            .RunAsync(session, new PulseCountKind(), PulseCountArguments.Instance, new byte[Ice40Bitstream.Up5kSize], CancellationToken.None).WaitAsync(Wait);

        Assert.False(outcome.Succeeded, $"attributed {outcome.Value?.Pulses} to the wrong bitstream");
        Assert.Equal(FailureCategory.Device, outcome.Category);
        Assert.Contains("out of step", outcome.Failure, StringComparison.Ordinal);
        Assert.True(session.IsOutOfStep);
    }

    [Fact]
    public async Task AFailedFpgaLoad_IsADeviceFailureNotACountOfZero()
    {
        var (port, session, clock) = await OpenAsync(Ready);
        port.OnWritten = total => total == Ice40Bitstream.Up5kSize
            ? "Bitstream transfer started\r\nReceiving bitstream\r\nReceived bitstream in 148700 us :)\r\nFlashing FPGA\r\n"
              + "FPGA Flash times (us): init 5, start 2, open -1, write -1, close 11\r\n, pulses: 0\r\n" + AfterResult
            : null;

        var outcome = await new EvaluationRunner(Options(), clock, NullLogger.Instance)
            .RunAsync(session, new PulseCountKind(), PulseCountArguments.Instance, new byte[Ice40Bitstream.Up5kSize], CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(FailureCategory.Device, outcome.Category);
        Assert.Contains("FPGA load failed", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadyLineFollowedByAnotherTransfersProgress_IsNotReady_AndNothingIsSent()
    {
        // What a watchdog racing a completing transfer printed: the ready line is stale at once.
        var (port, session, clock) = await OpenAsync(
            "Watchdog timeout, 70000 bytes received of 104090\r\n" + Ready + "Received bitstream in 148700 us :)\r\nFlashing FPGA\r\n");
        var waits = port.WhenReaderWaitsAsync();

        var run = new EvaluationRunner(Options(), clock, NullLogger.Instance)
            .RunAsync(session, new PulseCountKind(), PulseCountArguments.Instance, new byte[Ice40Bitstream.Up5kSize], CancellationToken.None);
        await waits.WaitAsync(Wait);
        clock.Advance(Options().ReadyDeadline);
        var outcome = await run.WaitAsync(Wait);

        Assert.Equal(0, port.Written);
        Assert.Equal(FailureCategory.Device, outcome.Category);
        Assert.Contains("ready line", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAFailedTransfer_TheNextBitstreamWaitsForTheReadyLineAndSilence()
    {
        // The failed transfer's surplus bytes start another transfer right after its ready line.
        var (port, session, clock) = await OpenAsync(
            "Watchdog timeout, 52045 bytes received of 104090\r\n" + Ready + "Bitstream transfer started\r\nReceiving bitstream\r\n");
        session.MarkOutOfStep();
        port.OnWritten = total => total == Ice40Bitstream.Up5kSize ? OwnTranscript(31995) : null;
        var options = Options();

        var waits = port.WhenReaderWaitsAsync();
        var run = new EvaluationRunner(options, clock, NullLogger.Instance)
            .RunAsync(session, new PulseCountKind(), PulseCountArguments.Instance, new byte[Ice40Bitstream.Up5kSize], CancellationToken.None);
        await waits.WaitAsync(Wait);
        Assert.Equal(0, port.Written);

        waits = port.WhenReaderWaitsAsync();
        port.Deliver("Watchdog timeout, 52045 bytes received of 104090\r\n" + Ready);
        await waits.WaitAsync(Wait);
        Assert.Equal(0, port.Written);

        clock.Advance(options.ResyncQuiet);
        var outcome = await run.WaitAsync(Wait);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(31995, outcome.Value!.Pulses);
        Assert.False(session.IsOutOfStep);
    }

    private static async Task<(ScriptedPort Port, FirmwareSession Session, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock)> OpenAsync(string buffered)
    {
        var clock = TestBoards.Clock();
        var port = new ScriptedPort();
        port.Deliver(buffered);
        var session = await FirmwareSession.OpenAsync(port.AsFactory(), port.PortName, 115_200, clock, NullLogger.Instance, CancellationToken.None);
        return (port, session, clock);
    }
}
