using System.Text.RegularExpressions;
using IceFarm.AdminApi.Panel.Auth;
using IceFarm.ReservationService.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Pages;

/// <summary>Trades the admin token for the panel's cookie; the operator's name goes into the events their actions cause.</summary>
internal sealed partial class SignInModel(IOptions<AdminOptions> admin) : PageModel
{
    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOrRoot(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? token, string? @operator, string? returnUrl)
    {
        ReturnUrl = LocalOrRoot(returnUrl);
        if (string.IsNullOrEmpty(token) || !TokenHashing.FixedTimeEquals(token, admin.Value.Token))
        {
            Error = "That is not the admin token.";
            return Page();
        }

        var name = string.IsNullOrWhiteSpace(@operator) ? "admin" : @operator.Trim();
        if (!OperatorName().IsMatch(name))
        {
            Error = "Your name may use letters, digits and . - _ @ (at most 32).";
            return Page();
        }

        await HttpContext.SignInAsync(PanelAuth.Scheme, PanelAuth.Operator(name));
        return LocalRedirect(ReturnUrl);
    }

    private string LocalOrRoot(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,31}$")]
    private static partial Regex OperatorName();
}
