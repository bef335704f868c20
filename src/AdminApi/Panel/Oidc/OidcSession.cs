using System.Globalization;
using System.Security.Claims;
using IceFarm.AdminApi.Panel.Auth;
using IceFarm.FarmData.Auth;

namespace IceFarm.AdminApi.Panel.Oidc;

/// <summary>
/// What the panel's cookie holds after a provider sign-in: the verified issuer and subject, the name admin events record
/// (<c>oidc:&lt;name&gt;</c>, so it can never pass for an operator token's name), the mapped role, and when it ends.
/// </summary>
internal static class OidcSession
{
    public const string NamePrefix = "oidc:";
    private const string IssuerClaim = "icefarm:oidc-issuer";
    private const string SubjectClaim = "icefarm:oidc-subject";
    private const string EndsClaim = "icefarm:oidc-ends";
    private const int MaxNameLength = 100;

    public static ClaimsPrincipal Principal(string issuer, string subject, string name, string role, DateTimeOffset ends) =>
        new(new ClaimsIdentity(
        [
            .. FarmClaims.For(NamePrefix + Shorten(name), role),
            new Claim(IssuerClaim, issuer),
            new Claim(SubjectClaim, subject),
            new Claim(EndsClaim, ends.ToString("O", CultureInfo.InvariantCulture)),
        ], PanelAuth.Scheme));

    /// <summary>Whether the session came from a provider sign-in (else from a token).</summary>
    public static bool IsOidc(ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == IssuerClaim);

    /// <summary>Still open at <paramref name="now"/>: a session without a readable end is not.</summary>
    public static bool IsOpen(ClaimsPrincipal principal, DateTimeOffset now) =>
        DateTimeOffset.TryParse(principal.FindFirstValue(EndsClaim), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ends) && now < ends;

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..MaxNameLength];
}
