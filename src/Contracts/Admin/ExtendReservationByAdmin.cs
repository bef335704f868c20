namespace IceFarm.Contracts.Admin;

/// <summary>An operator extends a reservation; extension adds time and never shortens.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="By">How much time to add.</param>
/// <param name="Admin">Who asked.</param>
public sealed record ExtendReservationByAdmin(Guid ReservationId, TimeSpan By, string Admin) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
