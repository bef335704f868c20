using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Auth;

namespace IceFarm.AdminApi.Tokens;

internal static class TokenMapping
{
    public static TokenInfo ToInfo(this ApiToken token, DateTimeOffset now) => new(
        token.PublicId, token.Kind == TokenKind.Client ? "client" : "operator", token.Subject, token.Role, token.CreatedAt, token.CreatedBy,
        token.ExpiresAt, token.RevokedAt, token.RevokedBy, token.RevokeReason,
        token.RevokedAt is not null ? "revoked" : token.ExpiresAt is { } e && now >= e ? "expired" : "active");
}
