using IceFarm.AdminApi.Panel.Auth;
using IceFarm.AdminApi.Panel.Live;
using IceFarm.FarmData.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IceFarm.AdminApi.Panel.Oidc;

/// <summary>
/// Panel sign-in through an OpenID Connect provider: authorization code with PKCE, the answer in the query (so the
/// handler's correlation and nonce cookies can be <c>SameSite=Lax</c>), and the panel's own cookie as the session.
/// REST stays bearer-token only: the provider's tokens are never kept.
/// </summary>
internal static class PanelOidc
{
    public const string Scheme = "IceFarmOidc";
    public const string ChallengePath = "/signin/oidc";
    public const string DonePath = "/signin/done";

    public static WebApplicationBuilder AddPanelOidc(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        if (!Enabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddSingleton<PanelOidcEvents>();
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OidcOptions>>((o, oidc) => Configure(o, oidc.Value));
        return builder;
    }

    public static WebApplication MapPanelOidc(this WebApplication app)
    {
        if (!Enabled(app.Configuration))
        {
            return app;
        }

        // A link, not a form: the panel's CSP (form-action 'self') would stop a form whose answer redirects to the provider.
        // Each start still counts against the address's sign-in attempts.
        app.MapGet(ChallengePath, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = $"{DonePath}?returnUrl={Uri.EscapeDataString(PanelPaths.LocalOrRoot(returnUrl))}" }, [Scheme]))
            .AllowAnonymous().RequireRateLimiting(LimitPolicies.SignIn).WithMetadata(new SignInAttempt()).ExcludeFromDescription();
        return app;
    }

    private static bool Enabled(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[$"{OidcOptions.Section}:{nameof(OidcOptions.Authority)}"]);

    private static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret.Length > 0 ? oidc.ClientSecret : null;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("openid").Distinct(StringComparer.Ordinal))
        {
            o.Scope.Add(scope);
        }

        // Claim names stay as the provider sends them, so RoleClaim and NameClaim mean what the provider's docs say.
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.SignInScheme = PanelAuth.Scheme;
        o.CallbackPath = "/signin-oidc";
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.EventsType = typeof(PanelOidcEvents);
    }
}
