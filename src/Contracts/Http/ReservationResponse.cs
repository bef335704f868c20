namespace IceFarm.Contracts.Http;

/// <summary>A reservation as the client API shows it.</summary>
/// <param name="Id">Reservation id.</param>
/// <param name="Kind">Reservation kind.</param>
/// <param name="ExpiresAt">When the lease ends unless extended (the upper bound; a keepalive that lapses ends it sooner).</param>
/// <param name="Devices">The boards it holds.</param>
/// <param name="KeepAlive">The keepalive TTL as an ISO-8601 duration, or null when the reservation has none.</param>
/// <param name="RenewedAt">When the keepalive was last renewed (the grant counts as the first renewal); null without keepalive.</param>
public sealed record ReservationResponse(
    Guid Id, string Kind, DateTimeOffset ExpiresAt, IReadOnlyList<ReservedDevice> Devices, string? KeepAlive = null, DateTimeOffset? RenewedAt = null);
