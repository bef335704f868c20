using System.Security.Claims;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Limits;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Extending a lease, renewing its keepalive, and releasing or rebooting one board of it (API.md).</summary>
internal static class LeaseApi
{
    public static IEndpointRouteBuilder MapLeases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reservations/{id:guid}").RequireAuthorization(FarmClaims.ClientPolicy).WithTags("Reservations");
        // Each extend and reboot appends events: bounded per client (the keepalive is a document write, renewed often).
        group.MapPost("/extend", ExtendAsync).RequireRateLimiting(LimitPolicies.LeaseAction);
        group.MapPost("/keepalive", KeepAliveAsync);
        group.MapDelete("/devices/{serial}", ReleaseAsync);
        group.MapPost("/devices/{serial}/reboot", RebootAsync).RequireRateLimiting(LimitPolicies.LeaseAction);
        return app;
    }

    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> ExtendAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, IQuerySession session, ReservationExtender extender,
        IOptions<ReservationOptions> options, CancellationToken ct)
    {
        var (body, jsonError) = await JsonBody.ReadAsync<ExtendRequest>(http, optional: true, ct);
        if (jsonError is not null)
        {
            return Problems.BadRequest(jsonError);
        }

        var duration = options.Value.DefaultDuration;
        if (body?.Duration is { } text && (!ReserveRequestValidator.TryParseDuration(text, out duration) || duration <= TimeSpan.Zero || duration > options.Value.MaxDuration))
        {
            return Problems.BadRequest($"'duration' must be a positive ISO-8601 duration (such as PT30M) up to {System.Xml.XmlConvert.ToString(options.Value.MaxDuration)}.");
        }

        var (view, problem) = await ReservationsApi.LoadOwnedAsync(id, user, session, ct);
        if (view is null)
        {
            return problem!;
        }

        var expiresAt = await extender.ExtendAsync(view, duration, ReservationsApi.ClientIdOf(user), ct);
        if (expiresAt is null)
        {
            return Problems.Gone($"Reservation {id} has ended.");
        }

        return TypedResults.Ok(await ReservationsApi.ResponseAsync(view, session, ct) with { ExpiresAt = expiresAt.Value });
    }

    /// <summary>Renews the keepalive: the reservation lives another TTL from now, never past its expiry.</summary>
    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> KeepAliveAsync(
        Guid id, ClaimsPrincipal user, IQuerySession session, KeepAliveRenewer renewer, CancellationToken ct)
    {
        var (view, problem) = await ReservationsApi.LoadOwnedAsync(id, user, session, ct);
        if (view is null)
        {
            return problem!;
        }

        if (!view.Active)
        {
            return Problems.Gone($"Reservation {id} has ended.");
        }

        if (view.KeepAlive is null)
        {
            return Problems.BadRequest($"Reservation {id} was made without a keepalive; there is nothing to renew (extend it instead).");
        }

        return TypedResults.Ok(view.ToResponse(await renewer.RenewAsync(view, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(
        Guid id, string serial, ClaimsPrincipal user, IQuerySession session, ReservationEnder ender, CancellationToken ct)
    {
        var (view, problem) = await ReservationsApi.LoadOwnedAsync(id, user, session, ct);
        if (view is null)
        {
            return problem!;
        }

        if (!view.Active)
        {
            return Problems.Gone($"Reservation {id} has ended.");
        }

        return await ender.ReleaseDeviceAsync(view, serial, "released by the client", ReservationsApi.ClientIdOf(user), ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Board {serial} is not held by reservation {id}.");
    }

    /// <summary>Reflashes a board's firmware, keeping it in the reservation with its queued bitstreams (the SDK's remedy for a silent board).</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> RebootAsync(
        Guid id, string serial, ClaimsPrincipal user, IQuerySession session, Devices.DeviceActions actions, CancellationToken ct)
    {
        var (view, problem) = await ReservationsApi.LoadOwnedAsync(id, user, session, ct);
        if (view is null)
        {
            return problem!;
        }

        if (!view.Active)
        {
            return Problems.Gone($"Reservation {id} has ended.");
        }

        if (!view.Devices.Any(d => d.Serial == serial && d.State != ReservationDeviceState.Released))
        {
            return Problems.NotFound($"Board {serial} is not held by reservation {id}.");
        }

        await actions.RebootAsync(serial, ReservationsApi.ClientIdOf(user), ct);
        return TypedResults.Accepted($"/api/v1/reservations/{id}");
    }
}
