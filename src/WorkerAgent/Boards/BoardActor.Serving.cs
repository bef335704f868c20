using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Protocol;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Serving a reservation: evaluations one at a time, each failed one retried once after recovery; the
/// recovery ladder (ARCHITECTURE.md §6) resync → reopen → reflash → Broken; and operator reboots.
/// </summary>
internal sealed partial class BoardActor
{
    private const int MaxAttempts = 2;

    private async Task EvaluateAsync(EvaluateBitstream command, int attempt, CancellationToken cancellationToken)
    {
        if (_lifecycle.State != DeviceState.Serving || _reservation?.ReservationId != command.ReservationId || _session is null)
        {
            var (category, reason) = _lifecycle.State switch
            {
                DeviceState.Broken => (FailureCategory.Device, $"board {Serial} is broken: {_lifecycle.Reason}"),
                DeviceState.Offline => (FailureCategory.Device, $"board {Serial} is offline: {_lifecycle.Reason}"),
                _ => (FailureCategory.Infrastructure, $"board {Serial} is {_lifecycle.State}, not serving reservation {command.ReservationId}"),
            };
            await FailEvaluationAsync(command, category, reason, cancellationToken);
            return;
        }

        var outcome = await _runner.RunAsync(_session, _reservation.Evaluation, _reservation.Arguments, command.Bitstream, cancellationToken);
        CountEvaluation();
        if (outcome.Succeeded)
        {
            await PublishAsync(
                new EvaluationCompleted(
                    command.ReservationId, command.ClientId, command.BatchId, command.EvaluationId, _services.WorkerName,
                    Serial, command.Label, outcome.Value!, outcome.Telemetry, Now),
                cancellationToken);
            return;
        }

        if (outcome.Category != FailureCategory.Device)
        {
            await FailEvaluationAsync(command, outcome.Category!.Value, outcome.Failure!, cancellationToken);
            return;
        }

        _logger.LogWarning("Evaluation {Evaluation} on board {Serial} failed (attempt {Attempt}): {Reason}", command.EvaluationId, Serial, attempt, outcome.Failure);
        if (await RecoverAsync(outcome.Failure!, cancellationToken) is { } stuck)
        {
            await FailEvaluationAsync(command, FailureCategory.Device, $"{outcome.Failure}; recovery failed: {stuck}", cancellationToken);
            await BreakAsync($"{outcome.Failure}; recovery failed: {stuck}", cancellationToken);
            return;
        }

        if (attempt < MaxAttempts)
        {
            await EvaluateAsync(command, attempt + 1, cancellationToken);
            return;
        }

        await FailEvaluationAsync(command, FailureCategory.Device, $"{outcome.Failure} (failed again after recovery)", cancellationToken);
    }

    /// <summary>The recovery ladder; null when the firmware is ready again, otherwise what every rung said.</summary>
    private async Task<string?> RecoverAsync(string failure, CancellationToken cancellationToken)
    {
        // Rung 1: the firmware prints its ready line after a watchdog timeout or once a late result is out.
        if (await ResyncAsync(cancellationToken) is not { } resync)
        {
            return null;
        }

        // Rung 2: a port that went bad (stale lines, a dropped DTR) is reopened.
        await CloseSessionAsync();
        if (await OpenServingSessionAsync(cancellationToken) is not { } reopen)
        {
            _logger.LogInformation("Board {Serial} recovered by reopening its port after: {Failure}", Serial, failure);
            return null;
        }

        // Rung 3: the reservation's firmware is flashed again; the reservation and its queue stay.
        await CloseSessionAsync();
        if (await ReflashServingFirmwareAsync($"recovering from: {failure}", cancellationToken) is not { } reflash)
        {
            return null;
        }

        return $"resync: {resync}; reopen: {reopen}; reflash: {reflash}";
    }

    private async Task<string?> ResyncAsync(CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            return "the port is closed";
        }

        try
        {
            // Not just the next ready line: the failed transfer's surplus bytes may start another one right after it.
            _session.MarkOutOfStep();
            return await _session.ResyncAsync(_options.ResyncQuiet, _options.ReadyDeadline, cancellationToken)
                ? null
                : $"no ready line followed by {_options.ResyncQuiet.TotalMilliseconds:0} ms of silence within {_options.ReadyDeadline.TotalSeconds:0.###} s";
        }
        catch (IOException ex)
        {
            return $"the serial port failed: {ex.Message}";
        }
    }

    /// <summary>Serving → Preparing → Serving around a flash of the reservation's firmware; null on success.</summary>
    private async Task<string?> ReflashServingFirmwareAsync(string why, CancellationToken cancellationToken)
    {
        var reservation = _reservation!;
        await MoveToAsync(DeviceState.Preparing, $"reflashing the {reservation.Kind} firmware: {why}", cancellationToken);
        var failure = await FlashAsync(reservation.Firmware, cancellationToken);
        if (failure is null && await OpenServingSessionAsync(cancellationToken) is { } notReady)
        {
            failure = $"the {reservation.Kind} firmware {notReady}";
        }

        if (failure is not null)
        {
            return failure;
        }

        await MoveToAsync(DeviceState.Serving, $"the {reservation.Kind} firmware is ready again for reservation {reservation.ReservationId}", cancellationToken);
        return null;
    }

    private async Task RebootAsync(string requestedBy, CancellationToken cancellationToken)
    {
        await CloseSessionAsync();
        if (_reservation is { } reservation && _lifecycle.CanMoveTo(DeviceState.Preparing))
        {
            // Queued evaluations stay in the inbox behind this command and run once the firmware is back.
            if (await ReflashServingFirmwareAsync($"reboot requested by {requestedBy}", cancellationToken) is { } failure)
            {
                await BreakAsync($"reboot requested by {requestedBy} failed: {failure}", cancellationToken);
                return;
            }

            await PublishAsync(new DeviceInitialized(reservation.ReservationId, reservation.ClientId, _services.WorkerName, Serial, Now), cancellationToken);
            return;
        }

        if (_lifecycle.State is DeviceState.Available or DeviceState.Broken)
        {
            _reservation = null;
            await MoveToAsync(DeviceState.FlashingDefault, $"reboot requested by {requestedBy}", cancellationToken);
            if (await FlashAsync(FirmwareKind.Default, cancellationToken) is { } failure)
            {
                await BreakAsync(failure, cancellationToken);
                return;
            }

            await MoveToAsync(DeviceState.SelfTest, "default firmware reinstalled; checking that it answers", cancellationToken);
            await FinishSelfTestAsync(cancellationToken);
            return;
        }

        _logger.LogWarning("Board {Serial} is {State}; reboot requested by {By} ignored", Serial, _lifecycle.State, requestedBy);
    }
}
