namespace IceFarm.AdminApi.Tokens;

/// <summary>Checks an expiry an admin asks for.</summary>
internal static class TokenExpiry
{
    public static string? Problem(DateTimeOffset? expiresAt, TimeProvider time, string field = "expiresAt") =>
        expiresAt is { } at && at <= time.GetUtcNow() ? $"'{field}' ({at:u}) must be in the future." : null;
}
