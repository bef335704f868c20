using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Kinds;
using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Evaluation;

/// <summary>
/// The firmware's lines for one transfer, in the order hardware.md §5.2 prints them: transfer started →
/// received → flash times → result. A result counts only at the end of that sequence; a result, a
/// <c>Received</c> or a ready line out of order belongs to an earlier transfer (a late result, surplus bytes)
/// and fails the evaluation as a device fault instead of being attributed to this bitstream.
/// </summary>
internal sealed class TransferTranscript(EvaluationKind kind, KindArguments arguments)
{
    private enum Phase
    {
        Sent,
        Receiving,
        Received,
    }

    private Phase _phase = Phase.Sent;
    private long? _transferMicroseconds;
    private IReadOnlyList<long> _flashTimes = [];

    /// <summary>Whether the flash-times line reported a failed phase (−1).</summary>
    public bool LoadFailed { get; private set; }

    /// <summary>The flash-times line as received, for the log.</summary>
    public string? FlashTimesLine { get; private set; }

    /// <summary>Takes the next line; the outcome once the transcript ends, otherwise null.</summary>
    public EvaluationOutcome? Accept(FirmwareLine line)
    {
        switch (line.Kind)
        {
            case FirmwareLineKind.TransferStarted or FirmwareLineKind.Receiving:
                return _phase == Phase.Received
                    ? OutOfStep("a new transfer started before this bitstream's result")
                    : Advance(Phase.Receiving);
            case FirmwareLineKind.Received:
                if (_phase != Phase.Receiving)
                {
                    return OutOfStep("'Received bitstream' came before this transfer started");
                }

                _transferMicroseconds = line.Value;
                return Advance(Phase.Received);
            case FirmwareLineKind.FlashTimes:
                if (_phase != Phase.Received)
                {
                    return OutOfStep("FPGA flash times came before this bitstream was received");
                }

                _flashTimes = line.Values;
                FlashTimesLine = line.Text;
                LoadFailed = line.Values.Contains(-1);
                return null;
            case FirmwareLineKind.WatchdogTimeout:
                return _phase == Phase.Receiving
                    ? EvaluationOutcome.Device($"the firmware's transfer watchdog fired with {line.Value} of {Ice40Bitstream.Up5kSize} bytes received")
                    : OutOfStep($"a watchdog line ('{line.Text}') of another transfer");
            case FirmwareLineKind.Ready:
                return _phase == Phase.Sent
                    ? OutOfStep("the firmware printed its ready line after the bitstream was sent: it was busy when it arrived")
                    : EvaluationOutcome.Device("the firmware went back to waiting without a result");
            case FirmwareLineKind.Pulses or FirmwareLineKind.Samples:
                return Result(line);
            default:
                return null;
        }
    }

    private EvaluationOutcome? Result(FirmwareLine line)
    {
        if (_phase != Phase.Received)
        {
            return OutOfStep($"a result ('{Shorten(line.Text)}') came before this bitstream was received: it belongs to an earlier transfer");
        }

        if (LoadFailed)
        {
            // The count of an FPGA that did not load is the count of an unconfigured pin, not of the design.
            return EvaluationOutcome.Device($"the FPGA load failed ({FlashTimesLine}); the measurement is not of this bitstream");
        }

        return line.Kind == kind.ResultLine
            ? EvaluationOutcome.Measured(kind.Measure(line, arguments), new BoardTelemetry(_transferMicroseconds, _flashTimes))
            : OutOfStep($"a {line.Kind} line from firmware that should be serving {kind.Name}");
    }

    private EvaluationOutcome? Advance(Phase phase)
    {
        _phase = phase;
        return null;
    }

    private static EvaluationOutcome OutOfStep(string what) =>
        EvaluationOutcome.Device($"the firmware's transcript is out of step with the host: {what}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
