namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>An <see cref="OidcPanelHost"/> that takes three sign-in attempts a minute from one address.</summary>
public sealed class StrictOidcPanelHost : OidcPanelHost
{
    protected override int SignInsPerMinute => 3;
}
