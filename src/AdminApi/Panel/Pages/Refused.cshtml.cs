using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IceFarm.AdminApi.Panel.Pages;

/// <summary>Shown (403) to a user the provider knows but who has no mapped IceFarm role; no session was opened.</summary>
internal sealed class RefusedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
