namespace IceFarm.Client.Events;

/// <summary>A worker holding boards of the lease is shutting down; the lease ends at the deadline if it still holds them.</summary>
/// <param name="EventId">The stream event's id.</param>
/// <param name="Worker">The draining worker.</param>
/// <param name="Deadline">When its boards are taken back.</param>
public sealed record LeaseWorkerDraining(long EventId, string Worker, DateTimeOffset Deadline) : LeaseEvent(EventId);
