namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>device-failed</c> stream event.</summary>
/// <param name="ReservationId">The reservation holding the board.</param>
/// <param name="Serial">The board.</param>
/// <param name="Reason">What happened.</param>
public sealed record DeviceFailedEvent(Guid ReservationId, string Serial, string Reason);
