using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Protocol;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>The lifecycle steps of <see cref="BoardActor"/>: start, prepare, evaluate, release.</summary>
internal sealed partial class BoardActor
{
    private async Task StartBoardAsync(CancellationToken cancellationToken)
    {
        if (_lifecycle.State is not (DeviceState.Discovered or DeviceState.Broken))
        {
            _logger.LogDebug("Board {Serial} is already {State}; start ignored", Serial, _lifecycle.State);
            return;
        }

        await MoveToAsync(DeviceState.FlashingDefault, "discovered on USB; installing the default firmware", cancellationToken);
        if (await FlashAsync(FirmwareKind.Default, cancellationToken) is { } failure)
        {
            await BreakAsync(failure, cancellationToken);
            return;
        }

        await MoveToAsync(DeviceState.SelfTest, "default firmware installed; checking that it answers", cancellationToken);
        await FinishSelfTestAsync(cancellationToken);
    }

    private async Task PrepareAsync(PrepareDevice command, CancellationToken cancellationToken)
    {
        if (_lifecycle.State == DeviceState.Serving && _reservation?.ReservationId == command.ReservationId)
        {
            // A redelivered command: say again that the board is ready.
            await PublishAsync(new DeviceInitialized(command.ReservationId, command.ClientId, _services.WorkerName, Serial, Now), cancellationToken);
            return;
        }

        if (Refusal(command, out var reservation) is { } refusal)
        {
            // Nothing changes on the board: it stays as it is, and the reason says why it was not prepared.
            var reason = $"refused to prepare for reservation {command.ReservationId}: {refusal.Reason}";
            _logger.LogWarning("Board {Serial} {Reason}", Serial, reason);
            await PublishAsync(
                new DeviceStateChanged(_services.WorkerName, Serial, _lifecycle.State, _health, reason, command.ReservationId, Now) { Failure = refusal.Category },
                cancellationToken);
            return;
        }

        _reservation = reservation;
        var kind = reservation!.Kind;
        var firmware = reservation.Firmware;
        await MoveToAsync(DeviceState.Preparing, $"preparing for reservation {command.ReservationId}: installing the {kind} firmware", cancellationToken);
        if (await FlashAsync(firmware, cancellationToken) is { } failure)
        {
            await BreakAsync(failure, cancellationToken);
            return;
        }

        if (await OpenServingSessionAsync(cancellationToken) is { } notReady)
        {
            await BreakAsync($"the {kind} firmware {notReady}", cancellationToken);
            return;
        }

        await MoveToAsync(DeviceState.Serving, $"the {kind} firmware is ready for reservation {command.ReservationId}", cancellationToken);
        await PublishAsync(new DeviceInitialized(command.ReservationId, command.ClientId, _services.WorkerName, Serial, Now), cancellationToken);
    }

    /// <summary>Why the board will not be prepared for <paramref name="command"/>, or null and the reservation it will serve.</summary>
    private (FailureCategory Category, string Reason)? Refusal(PrepareDevice command, out BoardReservation? reservation)
    {
        reservation = null;
        if (_lifecycle.State != DeviceState.Available)
        {
            return (FailureCategory.Infrastructure, $"the board is {_lifecycle.State}");
        }

        if (!_services.Registry.TryGet(command.Kind, out var kind))
        {
            return (FailureCategory.User, $"unknown kind '{command.Kind}'; known kinds: {string.Join(", ", _services.Registry.Names.Order(StringComparer.Ordinal))}");
        }

        if (!_services.Kinds.Contains(kind.Name, StringComparer.OrdinalIgnoreCase))
        {
            return (FailureCategory.User, $"kind '{kind.Name}' is not served by worker {_services.WorkerName}");
        }

        if (kind.Parse(command.Args ?? new Dictionary<string, string>(), out var error) is not { } arguments)
        {
            return (FailureCategory.User, $"bad arguments for kind '{kind.Name}': {error}");
        }

        reservation = new BoardReservation(command.ReservationId, command.ClientId, kind, arguments);
        return null;
    }

    private async Task ReleaseAsync(ReleaseDevice command, CancellationToken cancellationToken)
    {
        if (_reservation?.ReservationId != command.ReservationId)
        {
            _logger.LogInformation("Board {Serial} does not hold reservation {Reservation}; release ignored", Serial, command.ReservationId);
            return;
        }

        if (_lifecycle.State != DeviceState.Serving)
        {
            // A broken board forgets the reservation but stays broken until it is retried.
            _reservation = null;
            _summary = _summary with { ReservationId = null, Kind = null };
            return;
        }

        await CloseSessionAsync();
        await MoveToAsync(DeviceState.Releasing, $"reservation {command.ReservationId} released: {command.Reason}", cancellationToken);
        if (await FlashAsync(FirmwareKind.Default, cancellationToken) is { } failure)
        {
            await BreakAsync(failure, cancellationToken);
            return;
        }

        await MoveToAsync(DeviceState.SelfTest, "default firmware reinstalled; checking that it answers", cancellationToken);
        await FinishSelfTestAsync(cancellationToken);
    }

    private async Task FinishSelfTestAsync(CancellationToken cancellationToken)
    {
        if (await SelfTestAsync(cancellationToken) is { } failure)
        {
            await BreakAsync(failure, cancellationToken);
            return;
        }

        _reservation = null;
        if (HealthCheckDue() is { } why)
        {
            if (await HealthCheckAsync(why, cancellationToken))
            {
                await MoveToAsync(DeviceState.Available, "self-test and health check passed", cancellationToken);
            }

            return;
        }

        await MoveToAsync(DeviceState.Available, "self-test passed: the default firmware answered", cancellationToken);
    }

    /// <summary>Null on success, otherwise the reason.</summary>
    private async Task<string?> FlashAsync(FirmwareKind firmware, CancellationToken cancellationToken)
    {
        FirmwareImage image;
        try
        {
            image = _services.Catalog.Get(firmware);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return $"the {firmware} firmware image is unusable: {ex.Message}";
        }

        var result = FlashResult.Failed("not attempted");
        for (var attempt = 1; attempt <= _options.FlashAttempts; attempt++)
        {
            result = await _services.Flasher.FlashAsync(Serial, image, Now + _options.FlashDeadline, cancellationToken);
            if (result.Succeeded)
            {
                break;
            }

            _logger.LogWarning("Board {Serial}: flash attempt {Attempt} of {Attempts} failed: {Reason}", Serial, attempt, _options.FlashAttempts, result.Failure);
        }

        if (!result.Succeeded)
        {
            return _options.FlashAttempts > 1 ? $"{result.Failure} (after {_options.FlashAttempts} attempts)" : result.Failure;
        }

        _portName = result.PortName;
        return null;
    }

    private async Task<string?> SelfTestAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await FirmwareSession.OpenAsync(
                _services.Transports, _portName!, _options.BaudRate, _services.Time, _logger, cancellationToken, _options.CloseDeadline);
            return await session.WaitForAsync(FirmwareLineKind.DefaultFirmware, _options.SelfTestDeadline, cancellationToken)
                ? null
                : $"self-test failed: no 'default firmware' line within {_options.SelfTestDeadline.TotalSeconds:0.###} s";
        }
        catch (IOException ex)
        {
            return $"self-test failed: the serial port failed: {ex.Message}";
        }
    }

    private async Task<string?> OpenServingSessionAsync(CancellationToken cancellationToken)
    {
        try
        {
            _session = await FirmwareSession.OpenAsync(
                _services.Transports, _portName!, _options.BaudRate, _services.Time, _logger, cancellationToken, _options.CloseDeadline);
            return await _session.WaitForAsync(FirmwareLineKind.Ready, _options.ReadyDeadline, cancellationToken)
                ? null
                : $"did not print its ready line within {_options.ReadyDeadline.TotalSeconds:0.###} s";
        }
        catch (IOException ex)
        {
            return $"could not be opened: {ex.Message}";
        }
    }

    private Task FailEvaluationAsync(EvaluateBitstream command, FailureCategory category, string reason, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Evaluation {Evaluation} on board {Serial} failed ({Category}): {Reason}", command.EvaluationId, Serial, category, reason);
        return PublishAsync(
            new EvaluationFailed(
                command.ReservationId, command.ClientId, command.BatchId, command.EvaluationId, _services.WorkerName,
                Serial, command.Label, category, reason, Now),
            cancellationToken);
    }
}
