namespace IceFarm.Client.Events;

/// <summary>The reservation ended; nothing more will run on it.</summary>
/// <param name="EventId">The stream event's id.</param>
/// <param name="Reason">
/// <c>expired</c>, <c>keepalive-lapsed</c> (the process stopped renewing its keepalive for longer than the TTL),
/// <c>ended-by-client</c>, <c>ended-by-admin</c>, <c>worker-lost</c>, <c>device-failed</c> or <c>drained</c>.
/// </param>
/// <param name="Detail">The farm's sentence about the end, when it sent one.</param>
public sealed record LeaseEnded(long EventId, string Reason, string? Detail = null) : LeaseEvent(EventId);
