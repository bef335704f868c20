using System.Security.Claims;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Http;
using IceFarm.FarmData.Quotas;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Idempotency;
using IceFarm.ReservationService.Queue;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>The reservation part of the client API (API.md).</summary>
internal static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").RequireAuthorization(FarmClaims.ClientPolicy).WithTags("Reservations");
        group.MapGet("/availability", AvailabilityAsync);
        group.MapPost("/reservations", ReserveAsync);
        group.MapGet("/reservations", ListAsync);
        group.MapGet("/reservations/{id:guid}", GetAsync);
        group.MapDelete("/reservations/{id:guid}", EndAsync);
        return app;
    }

    private static async Task<Results<Ok<AvailabilityResponse>, ProblemHttpResult>> AvailabilityAsync(
        string? kind, IQuerySession session, IOptions<ReservationOptions> options, CancellationToken ct)
    {
        if (kind is null || !options.Value.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            return Problems.BadRequest($"Query parameter 'kind' must be one of: {string.Join(", ", options.Value.Kinds)}.");
        }

        var workers = (await Workers.EligibleWorkers.ForKindAsync(session, kind, ct)).Select(w => w.Name).ToArray();
        var free = await FreeBoards.CountAsync(session, workers, ct);
        return TypedResults.Ok(new AvailabilityResponse(kind, free));
    }

    private static async Task<Results<Created<ReservationResponse>, ProblemHttpResult>> ReserveAsync(
        HttpRequest http, ClaimsPrincipal user, DeviceAllocator allocator, WaitingLine line, FarmCapacity capacity, ReservationPreparer preparer,
        ClientQuotas quotas, IOptions<ReservationOptions> options, TimeProvider time, Metrics.FarmMetrics metrics, CancellationToken ct)
    {
        var (key, keyProblem) = IdempotencyKeys.Read(http);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (body, jsonError) = await JsonBody.ReadAsync<ReserveRequest>(http, optional: false, ct);
        var (request, error) = jsonError is null ? ReserveRequestValidator.Validate(body, ClientIdOf(user), options.Value) : (null, jsonError);
        if (request is null)
        {
            return Problems.BadRequest(error!);
        }

        if (key is not null)
        {
            request = request with { IdempotencyId = IdempotencyKeys.IdOf(IdempotencyKeys.Reserve, request.ClientId, key) };
        }

        // The allocator reads the farm-wide line with the boards: a request does not overtake one that has waited long enough.
        var started = time.GetTimestamp();
        var result = await allocator.AllocateAsync(request, ct);
        metrics.RecordReserve(time.GetElapsedTime(started), request.Kind, result.Reservation is not null);
        if (result.Reservation is { } granted)
        {
            await preparer.PrepareAsync(granted, ct);
            return TypedResults.Created($"/api/v1/reservations/{granted.ReservationId}", granted.ToResponse());
        }

        if (request.IdempotencyId is { } answerId && await allocator.FirstGrantAsync(answerId, ct) is { } first)
        {
            // A retry of a reserve that was granted (its answer was lost): the first grant holds the boards this one
            // did not find free. Only looked up when nothing was granted, so a first request pays nothing for its key.
            return TypedResults.Created($"/api/v1/reservations/{first.ReservationId}", first.ToResponse());
        }

        if (result.Quota is { } quota)
        {
            return Problems.QuotaExceeded(quota, result.Refusal!);
        }

        if (await capacity.ImpossibleAsync(request, ct) is { } impossible)
        {
            return Problems.Impossible(impossible);
        }

        if (request.Wait <= TimeSpan.Zero)
        {
            return Problems.Conflict(result.Refusal!, ProblemTypes.NotEnoughDevices, "Not enough devices");
        }

        var usage = (await quotas.UsageAsync(request.ClientId, ct))!;
        if (Quotas.QuotaDecision.Exceeded(usage, request.Serials?.Count ?? request.Amount, request.Duration, willWait: true) is { } tooMany)
        {
            return Problems.QuotaExceeded(tooMany.Quota, tooMany.Detail);
        }

        request = request with { Priority = usage.Quota.Priority };

        // Waits in the farm-wide line, served by whichever replica frees boards; this request stays open until then.
        if (await line.WaitAsync(request, ct) is { } served)
        {
            return TypedResults.Created($"/api/v1/reservations/{served.ReservationId}", served.ToResponse());
        }

        return Problems.Conflict($"No {request.Amount} {request.Kind} board(s) became free for this request within {System.Xml.XmlConvert.ToString(request.Wait)}.",
            ProblemTypes.NotEnoughDevices, "Not enough devices");
    }

    private static async Task<Ok<ReservationResponse[]>> ListAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var clientId = ClientIdOf(user);
        var mine = await session.Query<ReservationView>().Where(r => r.ClientId == clientId && r.Active).ToListAsync(ct);
        var keepAlives = await KeepAlives.LoadAsync(session, mine, ct);
        return TypedResults.Ok(mine.OrderBy(r => r.GrantedAt).Select(r => r.ToResponse(keepAlives.GetValueOrDefault(r.Id))).ToArray());
    }

    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (view, problem) = await LoadOwnedAsync(id, user, session, ct);
        return view is null ? problem! : TypedResults.Ok(await ResponseAsync(view, session, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndAsync(Guid id, ClaimsPrincipal user, ReservationEnder ender, CancellationToken ct)
    {
        var clientId = ClientIdOf(user);
        return await ender.EndAsync(StreamIds.Reservation(id), clientId, ReservationEndReason.EndedByClient, clientId, ct) switch
        {
            EndOutcome.Ended => TypedResults.NoContent(),
            EndOutcome.NotFound => Problems.NotFound($"No reservation {id}."),
            EndOutcome.NotOwner => Problems.Forbidden($"Reservation {id} belongs to another client."),
            _ => Problems.Gone($"Reservation {id} has already ended."),
        };
    }

    /// <summary>Loads a reservation and checks that the caller owns it.</summary>
    public static async Task<(ReservationView? View, ProblemHttpResult? Problem)> LoadOwnedAsync(
        Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var view = await session.LoadAsync<ReservationView>(StreamIds.Reservation(id), ct);
        if (view is null)
        {
            return (null, Problems.NotFound($"No reservation {id}."));
        }

        return view.ClientId == ClientIdOf(user) ? (view, null) : (null, Problems.Forbidden($"Reservation {id} belongs to another client."));
    }

    /// <summary>The client's view of <paramref name="view"/>, with its last keepalive renewal when it has a keepalive.</summary>
    public static async Task<ReservationResponse> ResponseAsync(ReservationView view, IQuerySession session, CancellationToken ct) =>
        view.ToResponse(view.KeepAlive is null ? null : await session.LoadAsync<LeaseKeepAlive>(view.Id, ct));

    public static string ClientIdOf(ClaimsPrincipal user) => user.FindFirstValue(FarmClaims.ClientId)!;
}
