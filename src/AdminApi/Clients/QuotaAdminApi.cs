using System.Security.Claims;
using IceFarm.AdminApi.Actions;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Clients;
using IceFarm.ReservationService.Http;
using IceFarm.ReservationService.Queue;
using IceFarm.ReservationService.Quotas;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Clients;

/// <summary>Quotas and priorities per client, and the farm-wide queue, for operators (docs/scheduling.md).</summary>
internal static class QuotaAdminApi
{
    public static IEndpointRouteBuilder MapQuotaAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.AdminPolicy).WithTags("Clients");
        group.MapGet("/clients/{clientId}/quota", GetAsync).WithSummary("The client's usage and the quotas in force.");
        group.MapPut("/clients/{clientId}/quota", SetAsync).WithSummary("Sets the client's quotas and priority; a null field takes the farm's default.");
        group.MapGet("/queue", LineAsync).WithTags("Farm").WithSummary("Every waiting reserve request in serving order, with its place.");
        return app;
    }

    private static async Task<Results<Ok<ClientUsage>, ProblemHttpResult>> GetAsync(string clientId, ClientQuotas quotas, CancellationToken ct) =>
        await quotas.UsageAsync(clientId, ct) is { } usage ? TypedResults.Ok(usage) : Problems.NotFound($"No client has id '{clientId}'.");

    private static async Task<Results<Ok<ClientUsage>, ProblemHttpResult>> SetAsync(
        string clientId, HttpRequest http, ClaimsPrincipal user, IDocumentStore store, ClientQuotas quotas, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<SetClientQuotaRequest>(http, optional: false, ct);
        if (body is null || ClientQuota.Invalid(body) is { } invalid)
        {
            return Problems.BadRequest(error ?? ClientQuota.Invalid(body!)!);
        }

        await using (var session = store.LightweightSession())
        {
            if (await session.LoadAsync<ClientAccount>(clientId, ct) is not { } account)
            {
                return Problems.NotFound($"No client has id '{clientId}'.");
            }

            account.Quota = new ClientQuota
            {
                MaxBoards = body.MaxBoards, MaxReservations = body.MaxReservations, MaxWaiting = body.MaxWaiting,
                MaxBoardHoursPerDay = body.MaxBoardHoursPerDay, Priority = body.Priority, SetBy = user.AdminName(), SetAt = time.GetUtcNow(),
            };
            session.Store(account);
            await session.SaveChangesAsync(ct);
        }

        return TypedResults.Ok((await quotas.UsageAsync(clientId, ct))!);
    }

    private static async Task<Ok<QueuedRequestInfo[]>> LineAsync(QueueReader reader, CancellationToken ct) => TypedResults.Ok(await reader.LineAsync(ct));
}
