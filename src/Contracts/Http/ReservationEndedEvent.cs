namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>reservation-ended</c> stream event.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Reason">
/// <c>expired</c>, <c>keepalive-lapsed</c>, <c>ended-by-client</c>, <c>ended-by-admin</c>, <c>worker-lost</c>, <c>device-failed</c> or <c>drained</c>.
/// </param>
/// <param name="Detail">A sentence saying more, when the farm has one (such as how long the keepalive was silent).</param>
public sealed record ReservationEndedEvent(Guid ReservationId, string Reason, string? Detail = null);
