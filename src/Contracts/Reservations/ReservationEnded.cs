namespace IceFarm.Contracts.Reservations;

/// <summary>A reservation ended and released its boards; published by the ReservationService after the end is stored.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ClientId">Its client.</param>
/// <param name="Reason">The wire reason, as in the client's <c>reservation-ended</c> event (<c>expired</c>, <c>drained</c>, …).</param>
/// <param name="Workers">The workers whose boards it held.</param>
/// <param name="At">When it ended.</param>
public sealed record ReservationEnded(Guid ReservationId, string ClientId, string Reason, IReadOnlyList<string> Workers, DateTimeOffset At) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
