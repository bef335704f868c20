using IceFarm.AdminApi.Panel.Live;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Oidc;

/// <summary>
/// Turns a validated id token into the panel's session (identity and mapped role), refuses users without a mapped role,
/// and sends every failed callback (forged state, bad signature, provider error) back to the sign-in page without a session.
/// </summary>
internal sealed partial class PanelOidcEvents(IOptions<OidcOptions> options, TimeProvider time, ILogger<PanelOidcEvents> logger) : OpenIdConnectEvents
{
    public const string RefusedPath = "/signin/refused";
    public const string FailedPath = "/signin?failed=oidc";

    public override Task TokenValidated(TokenValidatedContext context)
    {
        var oidc = options.Value;
        var token = context.Principal!;
        // The subject claim's issuer is the one the handler validated the token against.
        var subject = token.FindFirst("sub");
        if (subject is null)
        {
            context.Fail("The id token names no subject.");
            return Task.CompletedTask;
        }

        var name = token.FindFirst(oidc.NameClaim)?.Value is { Length: > 0 } named ? named : subject.Value;
        var values = token.FindAll(oidc.RoleClaim).Select(c => c.Value).ToArray();
        if (oidc.Roles.RoleOf(values) is not { } role)
        {
            LogRefused(logger, subject.Issuer, subject.Value, name, oidc.RoleClaim, string.Join(",", values));
            context.HandleResponse();
            context.Response.Redirect(RefusedPath);
            return Task.CompletedTask;
        }

        LogSignedIn(logger, subject.Issuer, subject.Value, name, role);
        context.Principal = OidcSession.Principal(subject.Issuer, subject.Value, name, role, time.GetUtcNow() + oidc.SessionLifetime);
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(Microsoft.AspNetCore.Authentication.RemoteFailureContext context)
    {
        LogFailed(logger, context.Failure?.Message ?? "unknown");
        context.HandleResponse();
        context.Response.Redirect(FailedPath);
        return Task.CompletedTask;
    }

    public override Task AccessDenied(Microsoft.AspNetCore.Authentication.AccessDeniedContext context)
    {
        context.HandleResponse();
        context.Response.Redirect(FailedPath);
        return Task.CompletedTask;
    }

    /// <summary>The panel's return path travels inside the protected state: only a local one is honoured.</summary>
    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        context.Properties.RedirectUri = PanelPaths.LocalOrRoot(context.Properties.RedirectUri);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Panel sign-in by {Issuer} subject {Subject} ({Name}) as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string issuer, string subject, string name, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel sign-in refused: {Issuer} subject {Subject} ({Name}) has no mapped value in claim {Claim} (has: {Values})")]
    private static partial void LogRefused(ILogger logger, string issuer, string subject, string name, string claim, string values);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel sign-in with the provider failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
