using IceFarm.Client.Internal;

namespace IceFarm.Client.Leases;

/// <summary>
/// Extends a lease in the background, halfway through whatever time is left and at once on <c>reservation-ending-soon</c>.
/// It lives only as long as the process: a killed client stops extending and its boards come back when the lease runs out.
/// </summary>
internal sealed class AutoExtender(Lease lease, TimeSpan? extendBy, TimeProvider time)
{
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(500);
    private readonly Signal _endingSoon = new();

    public void EndingSoon() => _endingSoon.Set();

    public async Task RunAsync(CancellationToken ct)
    {
        var retry = false;
        while (!ct.IsCancellationRequested && lease.EndedReason is null)
        {
            var left = lease.ExpiresAt - time.GetUtcNow();
            var wait = retry ? TimeSpan.FromTicks(Math.Max(Shortest.Ticks, Math.Min(left.Ticks / 4, TimeSpan.FromSeconds(5).Ticks))) : left / 2;
            try
            {
                await _endingSoon.WaitAsync(wait < Shortest ? Shortest : wait, time, ct);
                await lease.ExtendAsync(extendBy, ct);
                retry = false;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (FarmApiException ex) when (ex.Status is 404 or 409 or 410 || ex.Code == "reservation-ended")
            {
                return; // Over: nothing left to extend.
            }
            catch (Exception ex) when (ex is FarmApiException or HttpRequestException or TimeoutException or IOException)
            {
                retry = true; // The farm is unreachable for now; try again well before the lease runs out.
            }
        }
    }
}
