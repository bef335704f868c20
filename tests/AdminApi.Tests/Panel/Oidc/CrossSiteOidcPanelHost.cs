namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// An <see cref="OidcPanelHost"/> whose provider the panel (and so the browser) reaches as <c>localhost</c> while the
/// panel is at 127.0.0.1: another site, as a real provider is, so the browser treats the way back from the provider as
/// a cross-site navigation and withholds the panel's <c>SameSite=Strict</c> cookie from it.
/// (127.0.0.1 on two ports would be one site: ports do not count.)
/// </summary>
public sealed class CrossSiteOidcPanelHost : OidcPanelHost
{
    internal Uri CrossSiteAuthority => new UriBuilder(Provider.Issuer) { Host = "localhost" }.Uri;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?>(base.ExtraSettings) { ["Oidc:Authority"] = CrossSiteAuthority.ToString() };
}
