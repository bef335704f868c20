namespace IceFarm.Client.Leases;

/// <summary>
/// Renews a lease's keepalive every third of its TTL while the process lives. A failed renewal is retried quickly, several
/// times before the TTL runs out; each call has a deadline shorter than the time between renewals, so a hung connection
/// cannot use up the TTL. When the process dies the renewals stop and the farm ends the reservation one TTL later.
/// </summary>
internal sealed class KeepAliveLoop(Lease lease, TimeSpan keepAlive, TimeProvider time)
{
    private static readonly TimeSpan ShortestRetry = TimeSpan.FromMilliseconds(200);

    public async Task RunAsync(CancellationToken ct)
    {
        var interval = keepAlive / 3;
        // Six retries fit in the two thirds of the TTL left after a missed renewal, at most 5 s apart.
        var retryDelay = TimeSpan.FromTicks(Math.Clamp(keepAlive.Ticks / 9, ShortestRetry.Ticks, TimeSpan.FromSeconds(5).Ticks));
        var retry = false;
        while (!ct.IsCancellationRequested && lease.EndedReason is null)
        {
            try
            {
                await Task.Delay(retry ? retryDelay : interval, time, ct);
                await lease.RenewKeepAliveAsync(interval, ct);
                retry = false;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (FarmApiException ex) when (ex.Status is 400 or 403 or 404 or 410 || ex.Code == "reservation-ended")
            {
                return; // Over (or never had a keepalive): nothing left to renew.
            }
            catch (Exception ex) when (ex is FarmApiException or HttpRequestException or TimeoutException or IOException)
            {
                retry = true; // The farm is unreachable or busy for now: try again soon, well before the TTL runs out.
            }
        }
    }
}
