using System.Security.Claims;
using IceFarm.AdminApi.Panel.Oidc;
using IceFarm.FarmData.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Auth;

/// <summary>
/// The panel signs operators in with their operator token (or the bootstrap admin token) once and keeps them in an
/// HTTP-only cookie, so the browser never stores the token itself; the REST API keeps using bearer tokens. The cookie
/// names the token's hash, and each request checks that token again (revoked or expired: signed out). A session opened
/// through the OpenID Connect provider (<see cref="PanelOidc"/>) ends at its fixed end, or as soon as OIDC is turned off.
/// </summary>
internal static class PanelAuth
{
    public const string Scheme = "IceFarmPanel";
    public const string Policy = "panel";

    /// <summary>
    /// Who the request is before authorization runs (the rate limiter keys on it): the bearer token when one is sent,
    /// else the panel's cookie. Authorization still names its scheme: the cookie never opens the REST API.
    /// </summary>
    private const string Caller = "IceFarmCaller";

    public static WebApplicationBuilder AddPanelAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(o => o.DefaultAuthenticateScheme = Caller)
            .AddPolicyScheme(Caller, "Bearer token or panel cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(CookieName) ? Scheme : FarmClaims.Scheme);
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
            // The live stream and the action endpoint are called by script: a redirect to the sign-in page would reach it
            // as HTML it cannot use, so they get a plain 401 and the page says the session ended.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/panel", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, new AuthorizationPolicyBuilder(Scheme).RequireRole(OperatorRoles.Viewer).Build());
        return builder;
    }

    /// <summary>The signed-in operator as their token names them (admin events record that name) with their role.</summary>
    public static ClaimsPrincipal Operator(string name, string role, string? tokenHash) =>
        new(new ClaimsIdentity([.. FarmClaims.For(name, role), .. tokenHash is null ? Array.Empty<Claim>() : [new Claim(TokenClaim, tokenHash)]], Scheme));

    private const string CookieName = "icefarm-panel";

    /// <summary>The hash of the operator token a session was opened with; absent for the bootstrap token.</summary>
    private const string TokenClaim = "icefarm:token";

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var still = context.Principal is { } principal && OidcSession.IsOidc(principal)
            ? services.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled && OidcSession.IsOpen(principal, services.GetRequiredService<TimeProvider>().GetUtcNow())
            : context.Principal?.FindFirst(TokenClaim) is { } hash
            ? (await services.GetRequiredService<TokenDirectory>().CheckHashAsync(hash.Value, context.HttpContext.RequestAborted)).Token is not null
            : services.GetRequiredService<BootstrapAdmin>().Enabled;
        if (!still)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
