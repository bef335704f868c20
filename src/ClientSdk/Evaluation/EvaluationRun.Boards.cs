namespace IceFarm.Client.Evaluation;

/// <summary>What a run does about its boards through the API: reboot a silent one, release one given up, ask which are still held.</summary>
internal sealed partial class EvaluationRun
{
    /// <summary>
    /// Whether a board of <paramref name="submission"/> is out of the run, asking the farm which boards the reservation
    /// still holds (a release can take effect on the farm before the client hears of it). Boards it no longer holds
    /// are taken out of the run here.
    /// </summary>
    private async Task<bool> LostBoardsOfAsync(Submission submission, CancellationToken ct)
    {
        if (!_state.AnyLost(submission.Serials))
        {
            try
            {
                var held = (await _client.GetReservationAsync(_lease.Id, ct)).Devices
                    .Where(d => d.State != "released").Select(d => d.Serial).ToHashSet(StringComparer.Ordinal);
                foreach (var serial in submission.Serials.Where(s => !held.Contains(s)))
                {
                    _lease.MarkDevice(serial, DeviceState.Released);
                    _state.BoardLost(serial, FailureCategory.Device, $"board {serial} was released from reservation {_lease.Id} (the farm no longer holds it for it)");
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is FarmApiException or HttpRequestException or TimeoutException or IOException)
            {
                return false; // Cannot tell: the refusal stands as the farm's answer.
            }
        }

        return _state.AnyLost(submission.Serials);
    }

    private async Task RebootAsync(string serial, CancellationToken ct)
    {
        _lease.MarkDevice(serial, DeviceState.Rebooting);
        try
        {
            await _client.RebootDeviceAsync(_lease.Id, serial, ct);
        }
        catch (FarmApiException ex) when (ex.Code is "reservation-ended" || ex.Status == 410)
        {
            await _lease.OnRefusedAsEndedAsync(ct);
        }
        catch (FarmApiException ex)
        {
            _lease.MarkDevice(serial, DeviceState.Failed);
            _state.BoardLost(serial, FailureCategory.Device, $"board {serial} stopped answering and the farm refused to reboot it: {ex.Message}");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TimeoutException or IOException)
        {
            // The reboot deadline still runs: a board that is not back in time is given up.
        }
    }

    private async Task ReleaseQuietlyAsync(string serial, CancellationToken ct)
    {
        try
        {
            await _lease.ReleaseAsync(serial, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is FarmApiException or HttpRequestException or TimeoutException or IOException)
        {
            // Best effort: the board is out of this run either way, and the lease's end releases it.
        }
    }
}
