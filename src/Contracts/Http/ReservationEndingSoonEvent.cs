namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>reservation-ending-soon</c> stream event.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ExpiresAt">When it ends unless extended.</param>
public sealed record ReservationEndingSoonEvent(Guid ReservationId, DateTimeOffset ExpiresAt);
