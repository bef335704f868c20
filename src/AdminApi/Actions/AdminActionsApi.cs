using System.Security.Claims;
using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Actions;

/// <summary>Per-device actions, draining a worker and its maintenance: each answers 202 with what was sent to the ReservationService.</summary>
internal static class AdminActionsApi
{
    public static IEndpointRouteBuilder MapAdminActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.OperatorPolicy).WithTags("Actions");
        group.MapPost("/devices/{serial}/end", EndAsync).WithSummary("Ends the reservation holding that board.");
        group.MapPost("/devices/{serial}/extend", ExtendAsync).WithSummary("Extends the reservation holding that board; optional body { \"duration\": \"PT30M\" }.");
        group.MapPost("/devices/{serial}/reboot", RebootAsync).WithSummary("Reflashes the board's current firmware; its reservation stays.");
        group.MapPost("/devices/{serial}/maintenance", BoardMaintenanceAsync)
            .WithSummary("Takes the board out of allocation until it is returned to service; optional body { \"reason\": \"...\" }. A reservation holding it keeps it.");
        group.MapPost("/devices/{serial}/retire", RetireAsync)
            .WithSummary("Retires the board: never allocated, not counted as capacity, until returned to service; optional body { \"reason\" }.");
        group.MapPost("/devices/{serial}/return-to-service", BoardReturnAsync)
            .WithSummary("Lifts the board's maintenance, retirement or failed-health-checks hold; optional body { \"reason\" }.");
        group.MapDelete("/devices/{serial}", ForgetAsync).WithSummary("Forgets the board; its worker rediscovers it from scratch.");
        group.MapPost("/workers/{name}/drain", DrainAsync).WithSummary("Starts draining the worker; optional body { \"deadline\": \"...\" }.");
        group.MapPost("/workers/{name}/maintenance", MaintenanceAsync)
            .WithSummary("Takes the worker out of service until it is returned (also across its restarts) and drains its leases; optional body { \"reason\": \"...\", \"deadline\": \"...\" }.");
        group.MapPost("/workers/{name}/return-to-service", ReturnAsync)
            .WithSummary("Ends the worker's maintenance or drain (a running drain is cancelled, its leases stay); it takes reservations again.");
        group.MapDelete("/workers/{name}/maintenance", ReturnAsync).WithSummary("The same as POST …/return-to-service.");
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

    private static Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> BoardMaintenanceAsync(
        string serial, HttpRequest http, ClaimsPrincipal user, DeviceHoldActions actions, CancellationToken ct) =>
        HoldAsync(serial, Contracts.Devices.DeviceHold.Maintenance, http, user, actions, ct);

    private static Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> RetireAsync(
        string serial, HttpRequest http, ClaimsPrincipal user, DeviceHoldActions actions, CancellationToken ct) =>
        HoldAsync(serial, Contracts.Devices.DeviceHold.Retired, http, user, actions, ct);

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> HoldAsync(
        string serial, Contracts.Devices.DeviceHold hold, HttpRequest http, ClaimsPrincipal user, DeviceHoldActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<DeviceHoldRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.HoldAsync(serial, hold, body?.Reason, user.AdminName(), ct)).ToHttp();
    }

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> BoardReturnAsync(
        string serial, HttpRequest http, ClaimsPrincipal user, DeviceHoldActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<DeviceHoldRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.ReturnAsync(serial, body?.Reason, user.AdminName(), ct)).ToHttp();
    }

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> MaintenanceAsync(
        string name, HttpRequest http, ClaimsPrincipal user, MaintenanceActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<MaintenanceRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.StartAsync(name, body?.Reason, body?.Deadline, user.AdminName(), ct)).ToHttp();
    }

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> ReturnAsync(
        string name, ClaimsPrincipal user, MaintenanceActions actions, CancellationToken ct) =>
        (await actions.ReturnAsync(name, user.AdminName(), ct)).ToHttp();

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> DrainAsync(
        string name, HttpRequest http, ClaimsPrincipal user, AdminActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<DrainRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.DrainAsync(name, body?.Deadline, user.AdminName(), ct)).ToHttp();
    }
}
