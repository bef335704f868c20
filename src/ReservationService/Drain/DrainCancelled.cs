using IceFarm.Contracts;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Published when an operator returned a draining worker to service (by the maintenance consumer at once, and by
/// <see cref="DrainMonitor"/> while a running drain's worker is no longer marked draining). The saga ends without
/// force-ending anything, but only if the store agrees the drain was overruled, so a late copy never cancels a newer
/// drain. Public for the same reason as <see cref="DrainDeadlineReached"/>.
/// </summary>
public sealed record DrainCancelled(string Worker) : IMessage
{
    public int SchemaVersion { get; init; } = 1;
}
