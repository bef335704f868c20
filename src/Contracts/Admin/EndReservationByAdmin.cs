namespace IceFarm.Contracts.Admin;

/// <summary>An operator ends a reservation (all its boards), the same way a client or expiry would.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Admin">Who asked, recorded in the events.</param>
/// <param name="Reason">Why, in the operator's words.</param>
public sealed record EndReservationByAdmin(Guid ReservationId, string Admin, string Reason) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
