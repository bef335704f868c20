namespace IceFarm.AdminApi.Panel.Oidc;

/// <summary>
/// Panel sign-in with an OpenID Connect provider (section <c>Oidc</c>); off while <see cref="Authority"/> is empty.
/// The provider's role or group claim decides the IceFarm role through <see cref="Roles"/>: a user with none of the
/// mapped values is refused.
/// </summary>
internal sealed class OidcOptions
{
    public const string Section = "Oidc";

    /// <summary>The provider's issuer URL (its discovery document is below it); empty turns OIDC sign-in off.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>The client secret; empty for a public client (PKCE still protects the code).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated scopes asked for; <c>openid</c> is always added.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The id token claim that carries the user's roles or groups (<c>roles</c>, <c>groups</c>, …).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The id token claim shown as the user's name and recorded (as <c>oidc:&lt;name&gt;</c>) in admin events.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>What the sign-in button calls the provider ("Sign in with …").</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Which provider values give which IceFarm role; the highest role a user's values reach wins.</summary>
    public OidcRoleMap Roles { get; set; } = new();

    /// <summary>Only for a provider on plain HTTP in a test or a lab: discovery and keys otherwise need HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long a provider sign-in lasts at most, however active the operator is; then they sign in again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool Enabled => Authority.Length > 0;
}
