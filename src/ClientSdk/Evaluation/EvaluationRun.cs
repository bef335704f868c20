using System.Runtime.CompilerServices;
using IceFarm.Client.Internal;

namespace IceFarm.Client.Evaluation;

/// <summary>
/// Drives one <c>Lease.EvaluateAsync</c> call: keeps each board's window full, uploads, watches deadlines
/// (reboot a silent board through the API, give up on it if it does not come back), and hands results to the caller.
/// </summary>
internal sealed partial class EvaluationRun
{
    private readonly Lease _lease;
    private readonly FarmClient _client;
    private readonly EvaluationOptions _options;
    private readonly TimeProvider _time;
    private readonly RunState _state;
    private readonly IReadOnlyList<Bitstream> _bitstreams;
    private readonly Signal _wake = new();

    public EvaluationRun(Lease lease, FarmClient client, IReadOnlyList<Bitstream> bitstreams, EvaluationMode mode, EvaluationOptions options, IEnumerable<LeaseDevice> devices)
    {
        _lease = lease;
        _client = client;
        _options = options;
        _time = client.Options.TimeProvider;
        _bitstreams = bitstreams;
        _state = new RunState(bitstreams, mode, options, devices, _time.GetUtcNow());
    }

    public async IAsyncEnumerable<EvaluationResult> RunAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var driver = Task.Run(() => DriveAsync(stop.Token), CancellationToken.None);
        try
        {
            await foreach (var result in _state.Results.ReadAllAsync(ct))
            {
                yield return result;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await driver;
            _lease.Unregister(this, _state.InFlightIds);
        }
    }

    public void OnOutcome(Outcome outcome)
    {
        if (_state.Completed(outcome, _time.GetUtcNow(), out var boardBack))
        {
            if (boardBack)
            {
                _lease.MarkDevice(outcome.Serial, DeviceState.Ready);
            }

            _wake.Set();
        }
    }

    public void OnDeviceReady(string serial)
    {
        _state.BoardReady(serial, _time.GetUtcNow());
        _wake.Set();
    }

    public void OnDeviceAdded(string serial)
    {
        _state.BoardAdded(serial, _time.GetUtcNow());
        _wake.Set();
    }

    public void OnDeviceRecovering(string serial)
    {
        _state.BoardRecovering(serial, _time.GetUtcNow());
        _wake.Set();
    }

    public void OnDeviceLost(string serial, FailureCategory category, string reason)
    {
        _state.BoardLost(serial, category, reason);
        _wake.Set();
    }

    /// <summary>
    /// The run's loop: plans, starts uploads, watches deadlines. Uploads run concurrently, at most one per board (a board
    /// with one on its way is not planned again until it is answered), so the boards are not fed through one serial
    /// pipe; each answer wakes the loop to refill its boards. All bookkeeping goes through <see cref="RunState"/>'s lock.
    /// </summary>
    private async Task DriveAsync(CancellationToken ct)
    {
        var tick = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, _options.ResultDeadline.Ticks / 4));
        var uploads = new List<Task>();
        try
        {
            while (!_state.Done)
            {
                uploads.RemoveAll(u => u.IsCompleted);
                uploads.AddRange(_state.Plan(_time.GetUtcNow()).Select(submission => UploadAsync(submission, ct)));

                var (reboot, giveUp) = _state.CheckDeadlines(_time.GetUtcNow());
                foreach (var serial in reboot)
                {
                    await RebootAsync(serial, ct);
                }

                foreach (var (serial, reason) in giveUp)
                {
                    _lease.MarkDevice(serial, DeviceState.Failed);
                    _state.BoardLost(serial, FailureCategory.Device, reason);
                    // Not the run's token: failing the board's evaluations may end the run, whose end cancels that
                    // token, and a board given up must still go back to the farm (the HTTP timeout and retry limit bound it).
                    await ReleaseQuietlyAsync(serial, CancellationToken.None);
                }

                if (!_state.Done)
                {
                    await _wake.WaitAsync(tick, _time, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller stopped reading; what is queued on the farm stays queued until the lease ends.
        }
        catch (Exception ex)
        {
            _state.Fault(ex);
        }
        finally
        {
            // The caller unregisters the run's ids once this returns: every answer must be recorded by then.
            await Task.WhenAll(uploads);
        }
    }

    /// <summary>One upload on its way, concurrent with the others; never throws (an unexpected error faults the run).</summary>
    private async Task UploadAsync(Submission submission, CancellationToken ct)
    {
        var wake = true;
        try
        {
            await Task.Yield(); // The loop goes on planning the other boards while this one builds and sends its request.
            wake = await SubmitAsync(submission, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller stopped reading: as for the loop, what is queued on the farm stays queued until the lease ends.
        }
        catch (Exception ex)
        {
            _state.Fault(ex);
        }
        finally
        {
            _state.UploadEnded(submission);
            if (wake)
            {
                _wake.Set();
            }
        }
    }

    /// <summary>
    /// Sends one upload and records the farm's answer. False when it goes again later (the farm's queue was full, or the
    /// request did not get through): the loop then waits for a result or its tick instead of retrying at once.
    /// </summary>
    private async Task<bool> SubmitAsync(Submission submission, CancellationToken ct)
    {
        try
        {
            var accepted = await _client.SubmitAsync(_lease.Id, submission.Indices.Select(i => _bitstreams[i]), submission.Serials, ct);
            _state.Accepted(submission, accepted.Evaluations);
            // Results may already have arrived (the stream is faster than the answer): registering delivers them.
            _lease.Register(this, accepted.Evaluations.Select(e => e.Id));
            return true;
        }
        catch (FarmApiException ex) when (ex.Code is "reservation-ended" || ex.Status == 410)
        {
            // The lease ended while this upload was on its way: its boards are out, so its bitstreams fail with them.
            await _lease.OnRefusedAsEndedAsync(ct);
            _state.Returned(submission);
            return true;
        }
        catch (FarmApiException ex) when (ex.Status == 429)
        {
            // The board's queue on the farm is full: send again once results have made room.
            _state.Returned(submission);
            return false;
        }
        catch (FarmApiException ex)
        {
            if (ex.Status == 400 && ex.Code != "invalid-bitstream" && await LostBoardsOfAsync(submission, ct))
            {
                // A board of this upload left the reservation while it was on its way, and the farm refused the whole
                // upload for naming it: that board's bitstreams fail with its reason, the others go again.
                _state.Returned(submission);
                return true;
            }

            var category = ex.Code == "invalid-bitstream" ? FailureCategory.User : FailureCategory.Infrastructure;
            _state.Refused(submission, category, $"the farm refused the upload ({ex.Status} {ex.Code}): {ex.Message}");
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TimeoutException or IOException)
        {
            // Transient: try again on the next round.
            _state.Returned(submission);
            return false;
        }
    }
}
