using System.Security.Claims;
using IceFarm.AdminApi.Actions;
using IceFarm.AdminApi.Panel.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// The panel's actions: the confirmation dialog posts here (cookie and antiforgery token), and the page shows the
/// returned sentence in place; the live stream then shows the change itself.
/// </summary>
internal static class PanelActionsEndpoint
{
    public static IEndpointRouteBuilder MapPanelActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/panel/actions", ActAsync).RequireAuthorization(PanelAuth.Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<JsonHttpResult<PanelActionOutcome>> ActAsync([FromForm] PanelActionForm form, ClaimsPrincipal user,
        AdminActions actions, TimeProvider time, CancellationToken ct)
    {
        var admin = user.AdminName();
        var target = form.Target.Trim();
        ActionOutcome? outcome = form.Action switch
        {
            "end" => await actions.EndDeviceAsync(target, admin, ct),
            "extend" => await actions.ExtendDeviceAsync(target, form.Duration, admin, ct),
            "reboot" => await actions.RebootAsync(target, admin, ct),
            "forget" => await actions.ForgetAsync(target, admin, ct),
            "end-client" => await actions.EndClientAsync(target, admin, ct),
            "extend-client" => await actions.ExtendClientAsync(target, form.Duration, admin, ct),
            "drain" => await actions.DrainAsync(target, form.DeadlineMinutes is { } minutes ? time.GetUtcNow().AddMinutes(minutes) : null, admin, ct),
            _ => null,
        };
        return outcome is null
            ? TypedResults.Json(new PanelActionOutcome(false, $"Unknown action '{form.Action}'."), statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Json(new PanelActionOutcome(outcome.IsAccepted, outcome.Message), statusCode: outcome.IsAccepted ? StatusCodes.Status200OK : outcome.Status);
    }
}
