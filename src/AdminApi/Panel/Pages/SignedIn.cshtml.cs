using IceFarm.AdminApi.Panel.Live;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IceFarm.AdminApi.Panel.Pages;

/// <summary>
/// Where a provider sign-in lands. The panel's cookie is <c>SameSite=Strict</c>, and a browser withholds it from every
/// request of a navigation that began at the provider, so this page moves on with a navigation of its own (which
/// carries the cookie) instead of redirecting straight to the panel.
/// </summary>
internal sealed class SignedInModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = PanelPaths.LocalOrRoot(returnUrl);
}
