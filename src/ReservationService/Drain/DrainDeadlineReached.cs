using IceFarm.Contracts;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Published by <see cref="DrainMonitor"/> when a drain's stored deadline has passed. Public because MassTransit treats
/// non-public message types as temporary; it is not part of IceFarm.Contracts because only this service uses it.
/// </summary>
public sealed record DrainDeadlineReached(string Worker, DateTimeOffset Deadline) : IMessage
{
    public int SchemaVersion { get; init; } = 1;
}
