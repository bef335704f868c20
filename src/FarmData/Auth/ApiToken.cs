namespace IceFarm.FarmData.Auth;

/// <summary>
/// An issued bearer token: whom it stands for, with which role, until when, and whether it was revoked. Stored under the
/// SHA-256 of its secret (the secret itself is shown once and never stored), so checking a token is one load by id.
/// </summary>
internal sealed class ApiToken
{
    /// <summary>The SHA-256 of the secret, lower-case hex.</summary>
    public string Id { get; set; } = "";

    /// <summary>What admins list and revoke it by: <c>tok_</c> and the first 16 hex digits of <see cref="Id"/>.</summary>
    public string PublicId { get; set; } = "";

    public TokenKind Kind { get; set; }

    /// <summary>The client id, or the operator's name.</summary>
    public string Subject { get; set; } = "";

    /// <summary>An operator token's role (<see cref="OperatorRoles"/>); null for client tokens.</summary>
    public string? Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Null: valid until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevokeReason { get; set; }

    public static string PublicIdOf(string hash) => "tok_" + hash[..16];

    /// <summary>Null when the token may be used at <paramref name="now"/>; otherwise why not, for the 401's detail.</summary>
    public string? RefusalAt(DateTimeOffset now) =>
        RevokedAt is { } revoked ? $"This token was revoked at {revoked:u}."
        : ExpiresAt is { } expires && now >= expires ? $"This token expired at {expires:u}."
        : null;
}
