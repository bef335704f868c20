using IceFarm.AdminApi.Panel.Auth;
using IceFarm.AdminApi.Panel.Oidc;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Pages;

/// <summary>
/// Trades an operator token (or the bootstrap admin token, while it is enabled) for the panel's cookie. The name and the
/// role come from the token, never from the form, so the events an operator's actions cause name whoever holds it.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(LimitPolicies.SignIn)]
internal sealed class SignInModel(BootstrapAdmin bootstrap, TokenDirectory tokens, IOptions<OidcOptions> oidc) : PageModel
{
    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>The OpenID Connect provider offered beside the token form, when one is configured.</summary>
    public string? Provider => oidc.Value.Enabled ? oidc.Value.DisplayName : null;

    public void OnGet(string? returnUrl, string? failed)
    {
        ReturnUrl = LocalOrRoot(returnUrl);
        if (failed == "oidc" && Provider is not null)
        {
            Error = $"Signing in with {Provider} did not complete; try again, or use your operator token.";
        }
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = LocalOrRoot(returnUrl);
        ClaimsOrError signedIn = string.IsNullOrEmpty(token) ? new(null, "Enter your operator token.")
            : bootstrap.Matches(token) ? new(PanelAuth.Operator(BootstrapAdmin.Name, OperatorRoles.Admin, tokenHash: null), null)
            : await (tokens.CheckAsync(token, ct)) switch
            {
                ({ Kind: TokenKind.Operator } found, _) => new(PanelAuth.Operator(found.Subject, found.Role ?? OperatorRoles.Viewer, found.Id), null),
                ({ Kind: TokenKind.Client }, _) => new(null, "That is a client token; the panel takes an operator token."),
                (_, var refusal) => new(null, refusal == TokenDirectory.Unknown ? "That is not an operator token." : refusal),
            };
        if (signedIn.Principal is null)
        {
            Error = signedIn.Error;
            return Page();
        }

        await HttpContext.SignInAsync(PanelAuth.Scheme, signedIn.Principal);
        return LocalRedirect(ReturnUrl);
    }

    private string LocalOrRoot(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";

    private readonly record struct ClaimsOrError(System.Security.Claims.ClaimsPrincipal? Principal, string? Error);
}
