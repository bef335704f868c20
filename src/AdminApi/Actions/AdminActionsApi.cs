using System.Security.Claims;
using IceFarm.Contracts.Admin;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Actions;

/// <summary>Per-device actions and draining a worker: each answers 202 with what was sent to the ReservationService.</summary>
internal static class AdminActionsApi
{
    public static IEndpointRouteBuilder MapAdminActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.AdminPolicy).WithTags("Actions");
        group.MapPost("/devices/{serial}/end", EndAsync).WithSummary("Ends the reservation holding that board.");
        group.MapPost("/devices/{serial}/extend", ExtendAsync).WithSummary("Extends the reservation holding that board; optional body { \"duration\": \"PT30M\" }.");
        group.MapPost("/devices/{serial}/reboot", RebootAsync).WithSummary("Reflashes the board's current firmware; its reservation stays.");
        group.MapDelete("/devices/{serial}", ForgetAsync).WithSummary("Forgets the board; its worker rediscovers it from scratch.");
        group.MapPost("/workers/{name}/drain", DrainAsync).WithSummary("Starts draining the worker; optional body { \"deadline\": \"...\" }.");
        return app;
    }

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> EndAsync(
        string serial, ClaimsPrincipal user, AdminActions actions, CancellationToken ct) =>
        (await actions.EndDeviceAsync(serial, user.AdminName(), ct)).ToHttp();

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> ExtendAsync(
        string serial, HttpRequest http, ClaimsPrincipal user, AdminActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<AdminExtendRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.ExtendDeviceAsync(serial, body?.Duration, user.AdminName(), ct)).ToHttp();
    }

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> RebootAsync(
        string serial, ClaimsPrincipal user, AdminActions actions, CancellationToken ct) =>
        (await actions.RebootAsync(serial, user.AdminName(), ct)).ToHttp();

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> ForgetAsync(
        string serial, ClaimsPrincipal user, AdminActions actions, CancellationToken ct) =>
        (await actions.ForgetAsync(serial, user.AdminName(), ct)).ToHttp();

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> DrainAsync(
        string name, HttpRequest http, ClaimsPrincipal user, AdminActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<DrainRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.DrainAsync(name, body?.Deadline, user.AdminName(), ct)).ToHttp();
    }
}
