namespace IceFarm.Client.Events;

/// <summary>
/// The farm granted <paramref name="Replacement"/> in place of <paramref name="Serial"/>, which failed: it is being
/// prepared (a <see cref="LeaseDeviceReady"/> follows) and joins throughput-mode runs at once.
/// </summary>
/// <param name="EventId">The stream event's id.</param>
/// <param name="Serial">The board that failed (a <see cref="LeaseDeviceFailed"/> follows).</param>
/// <param name="Replacement">The board granted in its place.</param>
/// <param name="Worker">The replacement's worker.</param>
/// <param name="Reason">Why the first board failed.</param>
public sealed record LeaseDeviceReplaced(long EventId, string Serial, string Replacement, string Worker, string Reason) : LeaseEvent(EventId);
