using System.ComponentModel.DataAnnotations;

namespace IceFarm.ReservationService.ClientEvents;

internal sealed class ClientEventOptions
{
    public const string Section = "ClientEvents";

    /// <summary>Events kept per client for resumption with Last-Event-ID.</summary>
    [Range(100, 1_000_000)]
    public int RetainedEventsPerClient { get; set; } = 20_000;

    /// <summary>Events a connection may fall behind before it is closed (the client then resumes).</summary>
    [Range(100, 1_000_000)]
    public int SubscriberBuffer { get; set; } = 10_000;

    /// <summary>How long stored events stay available for resumption.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired events are deleted.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most events stored in one transaction.</summary>
    [Range(1, 10_000)]
    public int WriteBatchSize { get; set; } = 500;

    /// <summary>How often an idle stream sends a comment, so proxies and clients see it is alive.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
