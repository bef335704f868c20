using IceFarm.Contracts;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Published by <see cref="DrainMonitor"/> when the reservations holding a draining worker's boards differ from the
/// saga's count: a <c>ReservationEnded</c> the saga missed, one board released, or a grant that raced the drain's start.
/// Public for the same reason as <see cref="DrainDeadlineReached"/>.
/// </summary>
public sealed record DrainRecheckDue(string Worker) : IMessage
{
    public int SchemaVersion { get; init; } = 1;
}
