namespace IceFarm.Client.Events;

/// <summary>The lease is about to expire (the SDK extends it at once when auto-extension is on).</summary>
/// <param name="EventId">The stream event's id.</param>
/// <param name="ExpiresAt">When it ends unless extended.</param>
public sealed record LeaseEndingSoon(long EventId, DateTimeOffset ExpiresAt) : LeaseEvent(EventId);
