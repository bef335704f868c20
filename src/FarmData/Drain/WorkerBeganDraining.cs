namespace IceFarm.FarmData.Drain;

/// <summary>Worker-stream event: the worker is draining; the allocator skips it from this event on.</summary>
internal sealed record WorkerBeganDraining(string Name, DateTimeOffset Deadline, string RequestedBy, DateTimeOffset At)
{
    /// <summary>When the drain was asked for (null in events stored before it existed): an operator's drain asked for before a return to service does not apply.</summary>
    public DateTimeOffset? RequestedAt { get; init; }
}
