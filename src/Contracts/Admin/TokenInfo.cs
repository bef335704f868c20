namespace IceFarm.Contracts.Admin;

/// <summary>An issued bearer token (never its secret), for <c>GET /api/admin/tokens</c>.</summary>
/// <param name="Id">The public id it is listed and revoked by (<c>tok_…</c>).</param>
/// <param name="Kind"><c>client</c> or <c>operator</c>.</param>
/// <param name="Subject">The client id, or the operator's name.</param>
/// <param name="Role">An operator token's role: <c>viewer</c>, <c>operator</c> or <c>admin</c>; null for client tokens.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="CreatedBy">Who issued it.</param>
/// <param name="ExpiresAt">When it stops working; null: when revoked.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="RevokedBy">Who revoked it.</param>
/// <param name="RevokeReason">Why.</param>
/// <param name="State"><c>active</c>, <c>expired</c> or <c>revoked</c>.</param>
public sealed record TokenInfo(
    string Id, string Kind, string Subject, string? Role, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevokeReason, string State);
