using IceFarm.Contracts.Http;

namespace IceFarm.Contracts.Admin;

/// <summary>A reservation of one client, for <c>GET /api/admin/clients/{clientId}/reservations</c>.</summary>
/// <param name="Id">The reservation.</param>
/// <param name="ClientId">Its client.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Active">Whether it still holds boards.</param>
/// <param name="GrantedAt">When it was granted.</param>
/// <param name="ExpiresAt">When its lease ends (or ended).</param>
/// <param name="EndReason">Why it ended, if it did.</param>
/// <param name="Devices">Its boards.</param>
/// <param name="KeepAlive">Its keepalive TTL as an ISO-8601 duration, or null when it has none.</param>
/// <param name="RenewedAt">When its keepalive was last renewed (null without keepalive).</param>
public sealed record ClientReservationInfo(
    Guid Id,
    string ClientId,
    string Kind,
    bool Active,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    string? EndReason,
    IReadOnlyList<ReservedDevice> Devices,
    string? KeepAlive = null,
    DateTimeOffset? RenewedAt = null);
