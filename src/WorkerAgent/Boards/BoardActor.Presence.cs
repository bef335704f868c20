using IceFarm.Contracts.Devices;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>USB presence: unplug cancels whatever the board is doing; replug and the Broken retry start it again.</summary>
internal sealed partial class BoardActor
{
    private readonly Lock _presenceGate = new();
    private CancellationTokenSource _present = new();
    private DateTimeOffset _brokenAt;
    private bool _retryQueued;

    /// <summary>Whether the supervisor reported the board gone and it has not come back yet.</summary>
    public bool IsUnplugged { get; private set; }

    /// <summary>
    /// The board is gone from USB: the running step is cancelled at once (its evaluation fails as a device
    /// fault), commands already queued fail fast, and the board goes Offline.
    /// </summary>
    public void NotifyUnplugged(string reason)
    {
        lock (_presenceGate)
        {
            if (IsUnplugged)
            {
                return;
            }

            IsUnplugged = true;
            _present.Cancel();
        }

        Enqueue(new BoardUnplugged(reason));
    }

    /// <summary>The board is back (maybe on another port): it is rediscovered from scratch.</summary>
    public void NotifyReplugged(string? busId)
    {
        lock (_presenceGate)
        {
            if (!IsUnplugged)
            {
                return;
            }

            IsUnplugged = false;
            _present.Dispose();
            _present = new CancellationTokenSource();
        }

        Enqueue(new BoardReplugged(busId));
    }

    /// <summary>
    /// Queues a new start of a board Broken for at least <paramref name="interval"/>, or at once when it was
    /// <paramref name="replugged"/> while Broken; true if it did.
    /// </summary>
    public bool RetryIfBroken(DateTimeOffset now, TimeSpan interval, bool replugged = false)
    {
        if (_summary.State != DeviceState.Broken || _retryQueued || IsUnplugged || (!replugged && now - _brokenAt < interval))
        {
            return false;
        }

        _retryQueued = true;
        return Enqueue(new StartBoard());
    }

    private CancellationToken PresenceToken()
    {
        lock (_presenceGate)
        {
            return _present.Token;
        }
    }

    private async Task GoOfflineAsync(string reason, CancellationToken stopping)
    {
        if (_lifecycle.State == DeviceState.Offline)
        {
            return;
        }

        await CloseSessionAsync();
        var held = _reservation is { } reservation ? $"; reservation {reservation.ReservationId} can no longer be served" : "";
        _reservation = null;
        await MoveToAsync(DeviceState.Offline, reason + held, stopping);
    }

    private async Task ComeBackAsync(BoardReplugged replugged, CancellationToken cancellationToken)
    {
        if (_lifecycle.State != DeviceState.Offline)
        {
            return;
        }

        _portName = null;
        await MoveToAsync(DeviceState.Discovered, $"back on USB{(replugged.BusId is null ? "" : " at " + replugged.BusId)}", cancellationToken);
        await StartBoardAsync(cancellationToken);
    }

    private void NoteBroken()
    {
        _brokenAt = Now;
        _retryQueued = false;
        _logger.LogDebug("Board {Serial} broken at {At}; retried after the Broken retry interval", Serial, _brokenAt);
    }
}
