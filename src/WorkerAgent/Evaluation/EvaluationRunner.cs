using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Protocol;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Evaluation;

/// <summary>
/// One bitstream through the evaluation firmware (hardware.md §5.3–5.5): wait for the ready line, send
/// exactly 104,090 bytes, read the firmware's lines until the result or the deadline.
/// </summary>
internal sealed class EvaluationRunner(BoardOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Runs <paramref name="bitstream"/> on the firmware behind <paramref name="session"/>.</summary>
    public async Task<EvaluationOutcome> RunAsync(
        FirmwareSession session, FirmwareKind kind, ReadOnlyMemory<byte> bitstream, CancellationToken cancellationToken)
    {
        if (bitstream.Length != Ice40Bitstream.Up5kSize)
        {
            // Sending it would desynchronise the firmware's byte count for the next bitstream too.
            return EvaluationOutcome.Failed(
                FailureCategory.User, $"the bitstream is {bitstream.Length} bytes; the firmware reads exactly {Ice40Bitstream.Up5kSize}");
        }

        try
        {
            await session.CatchUpAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            return EvaluationOutcome.Failed(FailureCategory.Device, $"the serial port failed: {ex.Message}");
        }

        if (!session.IsReady && !await session.WaitForAsync(FirmwareLineKind.Ready, options.ReadyDeadline, cancellationToken))
        {
            return EvaluationOutcome.Failed(
                FailureCategory.Device, $"the firmware did not print its ready line within {options.ReadyDeadline.TotalSeconds:0.###} s");
        }

        using var sendDeadline = new CancellationTokenSource(options.EvaluationDeadline, time);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sendDeadline.Token);
        try
        {
            await session.SendAsync(bitstream, options.WriteChunkSize, sending.Token);
        }
        catch (OperationCanceledException) when (sendDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return EvaluationOutcome.Failed(
                FailureCategory.Device, $"the board stopped reading: the bitstream was not sent within {options.EvaluationDeadline.TotalSeconds:0.###} s");
        }
        catch (IOException ex)
        {
            return EvaluationOutcome.Failed(FailureCategory.Device, $"the serial port failed: {ex.Message}");
        }

        try
        {
            return await ReadResultAsync(session, kind, cancellationToken);
        }
        catch (IOException ex)
        {
            return EvaluationOutcome.Failed(FailureCategory.Device, $"the serial port failed: {ex.Message}");
        }
    }

    private async Task<EvaluationOutcome> ReadResultAsync(FirmwareSession session, FirmwareKind kind, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.EvaluationDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        long? transferMicroseconds = null;
        IReadOnlyList<long> flashTimes = [];
        while (await session.ReadLineAsync(linked.Token) is { } line)
        {
            switch (line.Kind)
            {
                case FirmwareLineKind.Received:
                    transferMicroseconds = line.Value;
                    break;
                case FirmwareLineKind.FlashTimes:
                    flashTimes = line.Values;
                    if (flashTimes.Contains(-1))
                    {
                        logger.LogWarning("FPGA load reported a failed phase on {Port}: {Line}", session.PortName, line.Text);
                    }

                    break;
                case FirmwareLineKind.WatchdogTimeout:
                    return EvaluationOutcome.Failed(
                        FailureCategory.Device,
                        $"the firmware's transfer watchdog fired with {line.Value} of {Ice40Bitstream.Up5kSize} bytes received");
                case FirmwareLineKind.Ready:
                    return EvaluationOutcome.Failed(FailureCategory.Device, "the firmware went back to waiting without a result");
                case FirmwareLineKind.Pulses when kind == FirmwareKind.PulseCount:
                    return EvaluationOutcome.Measured(
                        new EvaluationValue(FirmwareKinds.PulseCount, line.Value, null, null),
                        new BoardTelemetry(transferMicroseconds, flashTimes));
                case FirmwareLineKind.Samples when kind == FirmwareKind.Variance:
                    var samples = line.Values.Select(v => (int)v).ToArray();
                    return EvaluationOutcome.Measured(
                        new EvaluationValue(FirmwareKinds.Variance, null, VarianceFitness.Of(samples), samples),
                        new BoardTelemetry(transferMicroseconds, flashTimes));
                default:
                    break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return EvaluationOutcome.Failed(
            FailureCategory.Device, $"no result within {options.EvaluationDeadline.TotalSeconds:0.###} s of sending the bitstream");
    }
}
