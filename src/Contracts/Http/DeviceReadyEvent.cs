namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>device-ready</c> stream event.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Serial">The board that is ready.</param>
public sealed record DeviceReadyEvent(Guid ReservationId, string Serial);
