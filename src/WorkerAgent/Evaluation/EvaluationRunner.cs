using IceFarm.Contracts.Bitstreams;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Kinds;
using IceFarm.WorkerAgent.Protocol;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Evaluation;

/// <summary>
/// One bitstream through the evaluation firmware (hardware.md §5.3–5.5): wait for the ready line (after a
/// failed transfer: for the ready line and then silence), send exactly 104,090 bytes, and read the
/// firmware's transcript of that transfer until its result or the deadline.
/// </summary>
internal sealed class EvaluationRunner(BoardOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Runs <paramref name="bitstream"/> on the firmware behind <paramref name="session"/>.</summary>
    public async Task<EvaluationOutcome> RunAsync(
        FirmwareSession session, EvaluationKind kind, KindArguments arguments, ReadOnlyMemory<byte> bitstream, CancellationToken cancellationToken)
    {
        if (bitstream.Length != Ice40Bitstream.Up5kSize)
        {
            // Sending it would desynchronise the firmware's byte count for the next bitstream too.
            return EvaluationOutcome.Failed(
                Contracts.Evaluations.FailureCategory.User, $"the bitstream is {bitstream.Length} bytes; the firmware reads exactly {Ice40Bitstream.Up5kSize}");
        }

        try
        {
            if (await WaitUntilReadyAsync(session, cancellationToken) is { } notReady)
            {
                return notReady;
            }

            var outcome = await SendAndReadAsync(session, new TransferTranscript(kind, arguments), bitstream, cancellationToken);
            if (!outcome.Succeeded)
            {
                // Whatever went wrong, the firmware may still be busy with (part of) this transfer.
                session.MarkOutOfStep();
            }

            return outcome;
        }
        catch (IOException ex)
        {
            session.MarkOutOfStep();
            return EvaluationOutcome.Device($"the serial port failed: {ex.Message}");
        }
    }

    private async Task<EvaluationOutcome?> WaitUntilReadyAsync(FirmwareSession session, CancellationToken cancellationToken)
    {
        if (session.IsOutOfStep)
        {
            return await session.ResyncAsync(options.ResyncQuiet, options.ReadyDeadline, cancellationToken)
                ? null
                : EvaluationOutcome.Device(
                    $"the firmware did not settle on its ready line within {options.ReadyDeadline.TotalSeconds:0.###} s of a failed transfer");
        }

        await session.CatchUpAsync(cancellationToken);
        return session.IsReady || await session.WaitForAsync(FirmwareLineKind.Ready, options.ReadyDeadline, cancellationToken)
            ? null
            : EvaluationOutcome.Device($"the firmware did not print its ready line within {options.ReadyDeadline.TotalSeconds:0.###} s");
    }

    private async Task<EvaluationOutcome> SendAndReadAsync(
        FirmwareSession session, TransferTranscript transcript, ReadOnlyMemory<byte> bitstream, CancellationToken cancellationToken)
    {
        using var sendDeadline = new CancellationTokenSource(options.EvaluationDeadline, time);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sendDeadline.Token);
        try
        {
            await session.SendAsync(bitstream, options.WriteChunkSize, sending.Token);
        }
        catch (OperationCanceledException) when (sendDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return EvaluationOutcome.Device(
                $"the board stopped reading: the bitstream was not sent within {options.EvaluationDeadline.TotalSeconds:0.###} s");
        }

        using var deadline = new CancellationTokenSource(options.EvaluationDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (await session.ReadLineAsync(linked.Token) is { } line)
        {
            if (transcript.Accept(line) is { } outcome)
            {
                if (transcript.LoadFailed)
                {
                    logger.LogWarning("FPGA load reported a failed phase on {Port}: {Line}", session.PortName, transcript.FlashTimesLine);
                }

                return outcome;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return EvaluationOutcome.Device($"no result within {options.EvaluationDeadline.TotalSeconds:0.###} s of sending the bitstream");
    }
}
