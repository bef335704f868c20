using System.Security.Claims;
using IceFarm.AdminApi.Actions;
using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Panel.Auth;
using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// The panel's actions: the confirmation dialog (script) or the confirmation page (no script) posts here, with the cookie
/// and the antiforgery token. The script asks for JSON and shows the returned sentence in place; a plain form post is
/// redirected back to its page, which shows the sentence once. The live stream then shows the change itself.
/// </summary>
internal static class PanelActionsEndpoint
{
    public static IEndpointRouteBuilder MapPanelActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/panel/actions", ActAsync).RequireAuthorization(PanelAuth.Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ActAsync([FromForm] PanelActionForm form, HttpContext http, ClaimsPrincipal user,
        AdminActions actions, MaintenanceActions maintenance, DeviceHoldActions holds, ClientQuotaEditor quotas, TimeProvider time, CancellationToken ct)
    {
        // A quota is an admin's; every other action an operator's (a viewer only looks).
        var needed = form.Action == "quota" ? OperatorRoles.Admin : OperatorRoles.Operator;
        var (result, status) = !user.IsInRole(needed)
            ? (new PanelActionOutcome(false, $"Signed in as {user.AdminName()} without the {needed} role: you may look, not act."), StatusCodes.Status403Forbidden)
            : form.Action == "quota"
            ? await SetQuotaAsync(form, user, quotas, ct)
            : await RunAsync(form, user, actions, maintenance, holds, time, ct);
        if (http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Json(result, statusCode: status);
        }

        PanelOutcomeFlash.Set(http, result);
        http.Response.Headers.Location = PanelPaths.LocalOrRoot(form.Back);
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static async Task<(PanelActionOutcome Result, int Status)> RunAsync(PanelActionForm form, ClaimsPrincipal user,
        AdminActions actions, MaintenanceActions maintenance, DeviceHoldActions holds, TimeProvider time, CancellationToken ct)
    {
        var admin = user.AdminName();
        var target = form.Target.Trim();
        var deadline = form.DeadlineMinutes is { } minutes ? time.GetUtcNow().AddMinutes(minutes) : (DateTimeOffset?)null;
        ActionOutcome? outcome = form.Action switch
        {
            "end" => await actions.EndDeviceAsync(target, admin, ct),
            "extend" => await actions.ExtendDeviceAsync(target, form.Duration, admin, ct),
            "reboot" => await actions.RebootAsync(target, admin, ct),
            "forget" => await actions.ForgetAsync(target, admin, ct),
            "end-client" => await actions.EndClientAsync(target, admin, ct),
            "extend-client" => await actions.ExtendClientAsync(target, form.Duration, admin, ct),
            "drain" => await actions.DrainAsync(target, deadline, admin, ct),
            "maintenance" => await maintenance.StartAsync(target, form.Reason, deadline, admin, ct),
            "return" => await maintenance.ReturnAsync(target, admin, ct),
            "board-maintenance" => await holds.HoldAsync(target, DeviceHold.Maintenance, form.Reason, admin, ct),
            "retire" => await holds.HoldAsync(target, DeviceHold.Retired, form.Reason, admin, ct),
            "board-return" => await holds.ReturnAsync(target, form.Reason, admin, ct),
            _ => null,
        };
        return outcome is null
            ? (new PanelActionOutcome(false, $"Unknown action '{form.Action}'."), StatusCodes.Status400BadRequest)
            : (new PanelActionOutcome(outcome.IsAccepted, outcome.Message), outcome.IsAccepted ? StatusCodes.Status200OK : outcome.Status);
    }

    /// <summary>The client page's quota form: read as the API's request and set through the API's own path.</summary>
    private static async Task<(PanelActionOutcome Result, int Status)> SetQuotaAsync(PanelActionForm form, ClaimsPrincipal user,
        ClientQuotaEditor quotas, CancellationToken ct)
    {
        var (request, error) = PanelQuotaForm.Read(form);
        if (request is null)
        {
            return (new PanelActionOutcome(false, error!), StatusCodes.Status400BadRequest);
        }

        var change = await quotas.SetAsync(form.Target.Trim(), request, user.AdminName(), ct);
        return (new PanelActionOutcome(change.Usage is not null, change.Message), change.Refusal?.Status ?? StatusCodes.Status200OK);
    }
}
