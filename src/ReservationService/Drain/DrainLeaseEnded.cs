using IceFarm.Contracts;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Sent by <see cref="DrainLeaseRouter"/> to the drain of <paramref name="Worker"/> when a reservation it waits for ends.
/// Public for the same reason as <see cref="DrainDeadlineReached"/>.
/// </summary>
public sealed record DrainLeaseEnded(string Worker, Guid ReservationId, string Reason) : IMessage
{
    public int SchemaVersion { get; init; } = 1;
}
