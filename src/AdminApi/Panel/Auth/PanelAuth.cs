using System.Security.Claims;
using IceFarm.ReservationService.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace IceFarm.AdminApi.Panel.Auth;

/// <summary>
/// The panel signs operators in with the admin token once and keeps them in an HTTP-only cookie, so the browser never
/// stores the token itself; the REST API keeps using bearer tokens.
/// </summary>
internal static class PanelAuth
{
    public const string Scheme = "IceFarmPanel";
    public const string Policy = "panel";

    public static WebApplicationBuilder AddPanelAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";
            o.Cookie.Name = "icefarm-panel";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
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
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, new AuthorizationPolicyBuilder(Scheme).RequireRole(FarmClaims.AdminRole).Build());
        return builder;
    }

    /// <summary>The signed-in operator: named as they chose at sign-in, so admin events say who acted.</summary>
    public static ClaimsPrincipal Operator(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, FarmClaims.AdminRole)], Scheme));
}
