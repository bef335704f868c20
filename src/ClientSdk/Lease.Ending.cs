using IceFarm.Client.Evaluation;
using IceFarm.Client.Internal;

namespace IceFarm.Client;

/// <summary>
/// How a lease ends: by the caller (<see cref="EndAsync"/>, disposal) or by the farm (expired, drained, ended by an
/// admin). Whichever way, every run still going fails what it has not evaluated and completes.
/// </summary>
public sealed partial class Lease
{
    private string? _endedReason;
    private bool _endedReasonKnown;
    private int _ended;
    private readonly TaskCompletionSource<string> _endKnown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a refused call waits for the farm's <c>reservation-ended</c> event, which carries the reason.</summary>
    private static readonly TimeSpan EndReasonGrace = TimeSpan.FromSeconds(5);

    /// <summary>Why the reservation ended (<c>expired</c>, <c>ended-by-client</c>, <c>drained</c>, …); null while it is active.</summary>
    public string? EndedReason
    {
        get { lock (_gate) { return _endedReason; } }
    }

    /// <summary>Ends the reservation now (once; later calls do nothing). Runs still going fail what they have not evaluated.</summary>
    public async Task EndAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        try
        {
            await EndRetry.Create(_client.Options.TimeProvider).ExecuteAsync(
                static async (lease, token) => await lease._client.EndReservationAsync(lease.Id, token), this, ct);
            OnEnded("ended-by-client");
        }
        catch (FarmApiException ex) when (ex.Code == "reservation-ended" || ex.Status is 404 or 410)
        {
            // Already over (expired, or ended by an admin): nothing left to release.
            await OnRefusedAsEndedAsync(ct);
        }
        catch
        {
            Interlocked.Exchange(ref _ended, 0);
            throw;
        }
    }

    /// <summary>
    /// Stops extending, ends the reservation (unless <see cref="LeaseOptions.EndOnDispose"/> is false) and closes the event
    /// stream. A run still going ends with failures for what it has not evaluated: nothing more can be heard for it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_options.EndOnDispose)
            {
                using var deadline = new CancellationTokenSource(_client.Options.RequestTimeout);
                await EndAsync(deadline.Token);
            }
        }
        finally
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_pump, _extending, _keepingAlive).ContinueWith(static _ => { }, TaskScheduler.Default);
            await _subscription.DisposeAsync();
            foreach (var device in Devices)
            {
                OnDeviceLost(device.Serial, FailureCategory.Infrastructure, $"the lease of reservation {Id} was disposed");
            }

            _events.Writer.TryComplete();
            _stop.Dispose();
        }
    }

    /// <summary>
    /// The reservation is over (the farm said so, or the caller ended it): every board is out, every run told.
    /// <paramref name="reason"/> is null when only a refused call showed it (the farm's event with the reason may follow).
    /// </summary>
    internal void OnEnded(string? reason)
    {
        string first;
        lock (_gate)
        {
            if (_endedReason is null || (!_endedReasonKnown && reason is not null))
            {
                _endedReason = reason ?? "ended";
                _endedReasonKnown = reason is not null;
            }

            first = _endedReason;
        }

        foreach (var serial in Devices.Select(d => d.Serial))
        {
            MarkDevice(serial, DeviceState.Released);
            OnDeviceLost(serial, CategoryOfEnd(first), EndedText(first));
        }

        _allReady.TrySetException(new LeaseEndedException(Id, first));
        if (reason is not null)
        {
            _endKnown.TrySetResult(reason);
        }
    }

    /// <summary>
    /// A call was refused because the reservation is over. The farm's <c>reservation-ended</c> event, which says why, is
    /// normally right behind; runs are told with that reason, or with an unknown one if it does not come in time.
    /// </summary>
    internal async Task OnRefusedAsEndedAsync(CancellationToken ct)
    {
        try
        {
            await _endKnown.Task.WaitAsync(EndReasonGrace, _client.Options.TimeProvider, ct);
        }
        catch (TimeoutException)
        {
            OnEnded(null);
        }
    }

    private string EndedText(string reason) => $"reservation {Id} ended ({reason})";

    /// <summary>Whose fault an end is, as the farm classifies the failures it sends for the same end.</summary>
    private static FailureCategory CategoryOfEnd(string reason) => reason switch
    {
        "expired" or "ended-by-client" => FailureCategory.User,
        "device-failed" => FailureCategory.Device,
        _ => FailureCategory.Infrastructure,
    };
}
