namespace IceFarm.Client.Events;

/// <summary>Something that happened to a lease; see the derived records. Read them from <see cref="Lease.Events"/>.</summary>
/// <param name="EventId">The id of the stream event it came from.</param>
public abstract record LeaseEvent(long EventId);
