using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Limits;

/// <summary>
/// The upload bytes each client has in flight on this replica, counted in KiB on a concurrency limiter per client
/// (<see cref="LimitOptions.UploadBytesInFlightPerClient"/>). Taken before the body is read, given back when the upload is answered.
/// </summary>
internal sealed class UploadBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly int _kib;

    public UploadBudget(IOptions<LimitOptions> options)
    {
        _kib = (int)Math.Min(int.MaxValue, Math.Max(1, options.Value.UploadBytesInFlightPerClient / 1024));
        _limiter = PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions { PermitLimit = _kib, QueueLimit = 0 }));
    }

    /// <summary>A lease to dispose when the upload is answered; not acquired when the client's budget is spent.</summary>
    public RateLimitLease TryTake(string clientId, long bytes) =>
        _limiter.AttemptAcquire(clientId, (int)Math.Clamp((bytes + 1023) / 1024, 1, _kib));

    /// <summary>The KiB the client may still send now.</summary>
    public long AvailableKiB(string clientId) => _limiter.GetStatistics(clientId)?.CurrentAvailablePermits ?? _kib;

    public void Dispose() => _limiter.Dispose();
}
