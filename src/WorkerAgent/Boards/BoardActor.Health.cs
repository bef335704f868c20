using IceFarm.Contracts.Devices;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Periodic health checks between reservations (docs/boards.md, "Health checks"): when first found, after Broken, after
/// <see cref="BoardOptions.HealthCheckEvery"/> evaluations or <see cref="BoardOptions.HealthCheckInterval"/>, the board
/// must boot its served firmware to the ready line, then the default firmware to its self-test. The worker reports each
/// result; the service holds a board that fails too often in a row (only an operator returns it).
/// </summary>
internal sealed partial class BoardActor
{
    private int _evaluationsSinceCheck;
    private long _checkedAtTicks = long.MinValue;
    private volatile bool _checkQueued;

    /// <summary>Queues the check of an idle Available board whose check fell due by time; true if it did. Any thread.</summary>
    public bool CheckHealthIfDue(DateTimeOffset now)
    {
        var checkedAt = Interlocked.Read(ref _checkedAtTicks);
        if (_summary.State != DeviceState.Available || _checkQueued || IsUnplugged
            || checkedAt == long.MinValue || now.UtcTicks - checkedAt < _options.HealthCheckInterval.Ticks)
        {
            return false;
        }

        _checkQueued = true;
        return Enqueue(new CheckBoardHealth());
    }

    /// <summary>Why the board should be checked before it is Available again, or null when it need not be.</summary>
    private string? HealthCheckDue()
    {
        var checkedAt = Interlocked.Read(ref _checkedAtTicks);
        return checkedAt == long.MinValue ? "its health is not known yet"
            : _health == DeviceHealth.Bad ? "it was broken"
            : _evaluationsSinceCheck >= _options.HealthCheckEvery ? $"{_evaluationsSinceCheck} evaluations since its last check"
            : Now.UtcTicks - checkedAt >= _options.HealthCheckInterval.Ticks ? $"its last check is older than {_options.HealthCheckInterval}"
            : null;
    }

    private void CountEvaluation() => _evaluationsSinceCheck++;

    private async Task CheckIdleBoardAsync(CancellationToken cancellationToken)
    {
        _checkQueued = false;
        if (_lifecycle.State != DeviceState.Available || HealthCheckDue() is not { } why)
        {
            return;
        }

        await MoveToAsync(DeviceState.SelfTest, $"health check: {why}", cancellationToken);
        if (await HealthCheckAsync(why, cancellationToken))
        {
            await MoveToAsync(DeviceState.Available, "health check passed", cancellationToken);
        }
    }

    /// <summary>Runs the check on a board in SelfTest running its default firmware; false when it failed (the board is then Broken).</summary>
    private async Task<bool> HealthCheckAsync(string why, CancellationToken cancellationToken)
    {
        var failure = await RunHealthCheckAsync(cancellationToken);
        Interlocked.Exchange(ref _checkedAtTicks, Now.UtcTicks);
        _evaluationsSinceCheck = 0;
        var reason = failure is null ? $"passed (checked because {why})" : $"{failure} (checked because {why})";
        await PublishAsync(new DeviceHealthChecked(_services.WorkerName, Serial, failure is null, reason, Now), cancellationToken);
        if (failure is null)
        {
            _logger.LogInformation("Board {Serial} passed its health check ({Why})", Serial, why);
            return true;
        }

        await BreakAsync($"health check failed: {failure}", cancellationToken);
        return false;
    }

    private async Task<string?> RunHealthCheckAsync(CancellationToken cancellationToken)
    {
        var served = _services.Kinds.Order(StringComparer.Ordinal)
            .Select(name => _services.Registry.TryGet(name, out var kind) ? kind : null)
            .FirstOrDefault(kind => kind is not null);
        if (served is not null)
        {
            if (await FlashAsync(served.Firmware, cancellationToken) is { } flash)
            {
                return $"the {served.Name} firmware could not be installed: {flash}";
            }

            var notReady = await OpenServingSessionAsync(cancellationToken);
            await CloseSessionAsync();
            if (notReady is not null)
            {
                return $"the {served.Name} firmware {notReady}";
            }

            if (await FlashAsync(FirmwareKind.Default, cancellationToken) is { } back)
            {
                return $"the default firmware could not be reinstalled: {back}";
            }
        }

        return await SelfTestAsync(cancellationToken);
    }
}
