using System.ComponentModel.DataAnnotations;

namespace IceFarm.FarmData.Limits;

/// <summary>
/// What one caller may ask of a service (<c>Limits</c> section; docs/security.md, "Abuse limits"). Each limit is per
/// replica: two replicas behind a load balancer admit up to twice as much, which the defaults leave room for.
/// </summary>
internal sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Requests per second one signed-in caller (a client, or an operator) may make on average. A runaway loop's bound,
    /// not a pace: a client feeding 32 boards one bitstream per upload sends about 1,400 a second (bench --suite sdk).
    /// </summary>
    [Range(1, 100_000)]
    public int RequestsPerSecond { get; set; } = 2_000;

    /// <summary>How many requests above that average a signed-in caller may make at once.</summary>
    [Range(1, 100_000)]
    public int RequestBurst { get; set; } = 4_000;

    /// <summary>Requests per second from one address without a valid token (token guessing, scans).</summary>
    [Range(1, 100_000)]
    public int AnonymousRequestsPerSecond { get; set; } = 10;

    [Range(1, 100_000)]
    public int AnonymousBurst { get; set; } = 40;

    /// <summary>Panel sign-in attempts per minute from one address.</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Extends and reboots per minute of one client: each appends events to the store.</summary>
    [Range(1, 10_000)]
    public int LeaseActionsPerMinute { get; set; } = 60;

    /// <summary>Event streams one client may hold open at once on a replica.</summary>
    [Range(1, 1_000)]
    public int EventStreamsPerClient { get; set; } = 8;

    /// <summary>
    /// Upload bytes one client may have in flight at once on a replica (declared lengths; an upload without one counts as
    /// <c>Evaluations:MaxRequestBytes</c>). The SDK keeps one small upload per board in flight, far below this.
    /// </summary>
    [Range(1, 16L * 1024 * 1024 * 1024)]
    public long UploadBytesInFlightPerClient { get; set; } = 256L * 1024 * 1024;
}
