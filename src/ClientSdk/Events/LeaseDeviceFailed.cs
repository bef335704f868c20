namespace IceFarm.Client.Events;

/// <summary>A board failed; its evaluations fail or move to other boards.</summary>
/// <param name="EventId">The stream event's id.</param>
/// <param name="Serial">The board.</param>
/// <param name="Reason">What happened.</param>
public sealed record LeaseDeviceFailed(long EventId, string Serial, string Reason) : LeaseEvent(EventId);
