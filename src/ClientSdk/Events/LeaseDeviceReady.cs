namespace IceFarm.Client.Events;

/// <summary>A board finished loading the reservation's firmware (also after a reboot).</summary>
/// <param name="EventId">The stream event's id.</param>
/// <param name="Serial">The board.</param>
public sealed record LeaseDeviceReady(long EventId, string Serial) : LeaseEvent(EventId);
