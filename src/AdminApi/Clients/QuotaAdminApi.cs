using System.Security.Claims;
using IceFarm.AdminApi.Actions;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Quotas;
using IceFarm.FarmData.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Clients;

/// <summary>Quotas and priorities per client, and the farm-wide queue, for operators (docs/scheduling.md).</summary>
internal static class QuotaAdminApi
{
    public static IEndpointRouteBuilder MapQuotaAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.ViewerPolicy).WithTags("Clients");
        group.MapGet("/clients/{clientId}/quota", GetAsync).WithSummary("The client's usage and the quotas in force.");
        group.MapPut("/clients/{clientId}/quota", SetAsync).RequireAuthorization(FarmClaims.AdminPolicy).WithSummary("Sets the client's quotas and priority; a null field takes the farm's default.");
        group.MapGet("/queue", LineAsync).WithTags("Farm").WithSummary("Every waiting reserve request in serving order, with its place.");
        return app;
    }

    private static async Task<Results<Ok<ClientUsage>, ProblemHttpResult>> GetAsync(string clientId, ClientQuotas quotas, CancellationToken ct) =>
        await quotas.UsageAsync(clientId, ct) is { } usage ? TypedResults.Ok(usage) : Problems.NotFound($"No client has id '{clientId}'.");

    private static async Task<Results<Ok<ClientUsage>, ProblemHttpResult>> SetAsync(
        string clientId, HttpRequest http, ClaimsPrincipal user, ClientQuotaEditor editor, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<SetClientQuotaRequest>(http, optional: false, ct);
        if (body is null)
        {
            return Problems.BadRequest(error!);
        }

        var change = await editor.SetAsync(clientId, body, user.AdminName(), ct);
        return change.Usage is { } usage
            ? TypedResults.Ok(usage)
            : TypedResults.Problem(change.Refusal!.Detail, statusCode: change.Refusal.Status, title: change.Refusal.Title, type: change.Refusal.ProblemType);
    }

    private static async Task<Ok<QueuedRequestInfo[]>> LineAsync(QueueReader reader, CancellationToken ct) => TypedResults.Ok(await reader.LineAsync(ct));
}
