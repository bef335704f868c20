namespace IceFarm.FarmData.Workers;

/// <summary>Last heartbeat of a worker: a document, not an event, so heartbeats never grow the event store.</summary>
internal sealed class WorkerLiveness
{
    public string Id { get; set; } = "";
    public DateTimeOffset LastHeartbeat { get; set; }

    /// <summary>The worker's own clock on that heartbeat; an older one arriving late is not used to reconcile.</summary>
    public DateTimeOffset LastSentAt { get; set; }

    /// <summary>The worker process that sent it; a new one means the worker restarted.</summary>
    public Guid? InstanceId { get; set; }
}
