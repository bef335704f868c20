namespace IceFarm.FarmData.Drain;

/// <summary>
/// The last drain of a worker as operators see it (id <c>worker-{name}</c>); written by the saga in the same transaction
/// as its state, and kept after the saga instance is deleted.
/// </summary>
internal sealed class DrainView
{
    public string Id { get; set; } = "";
    public string Worker { get; set; } = "";

    /// <summary><c>draining</c>, <c>drained</c>, or <c>cancelled</c> (the worker was returned to service while it drained).</summary>
    public string State { get; set; } = "";
    public DateTimeOffset Deadline { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool WorkerKnown { get; set; }
    public List<Guid> RemainingReservations { get; set; } = [];
    public List<Guid> ForceEndedReservations { get; set; } = [];
}
