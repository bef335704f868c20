using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ReservationService.ClientEvents;

internal sealed class ClientEventOptions
{
    public const string Section = "ClientEvents";

    /// <summary>Events a connection may fall behind before it is closed (the client then resumes).</summary>
    [Range(100, 1_000_000)]
    public int SubscriberBuffer { get; set; } = 10_000;

    /// <summary>Events read from the store at a time when a stream resumes.</summary>
    [Range(10, 100_000)]
    public int ReplayPage { get; set; } = 1_000;

    /// <summary>How long stored events stay available for resumption.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired events are deleted.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most events stored in one transaction.</summary>
    [Range(1, 10_000)]
    public int WriteBatchSize { get; set; } = 500;

    /// <summary>
    /// How often the streams open on this replica compare their last event with the store, in case a notification from
    /// another replica was lost (the listener's connection dropped): the bound on a cross-replica event's delay then.
    /// </summary>
    public TimeSpan CrossReplicaPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether to LISTEN for the notifications of other replicas. Off where the connection cannot hold a LISTEN (a pooler
    /// in transaction mode); streams then learn of other replicas' events by the poll alone.
    /// </summary>
    public bool ListenForOtherReplicas { get; set; } = true;

    [MustBeTrue(ErrorMessage = "ClientEvents: Retention, RetentionSweepInterval, KeepAliveInterval and CrossReplicaPollInterval must be positive.")]
    public bool IsPositive => Retention > TimeSpan.Zero && RetentionSweepInterval > TimeSpan.Zero && KeepAliveInterval > TimeSpan.Zero
        && CrossReplicaPollInterval > TimeSpan.Zero;

    /// <summary>
    /// Tickets of evaluations this replica stored that it keeps in memory, so that their results are appended without
    /// reading them first; 0 reads every ticket from the store. Each takes a few hundred bytes, and leaves when its
    /// evaluation ends here.
    /// </summary>
    [Range(0, 10_000_000)]
    public int KeptTickets { get; set; } = 100_000;

    /// <summary>How often an idle stream sends a <c>keep-alive</c> event, so proxies and clients see it is alive.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
