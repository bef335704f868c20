using IceFarm.Contracts.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Actions;

/// <summary>Maps an <see cref="ActionOutcome"/> to the HTTP answer: 202 with what was requested, or a ProblemDetails.</summary>
internal static class ActionResults
{
    public static Results<Accepted<AdminActionAccepted>, ProblemHttpResult> ToHttp(this ActionOutcome outcome) =>
        outcome.Accepted is { } accepted
            ? TypedResults.Accepted((string?)null, accepted)
            : TypedResults.Problem(outcome.Detail, statusCode: outcome.Status, title: outcome.Title, type: outcome.ProblemType);

    public static string AdminName(this System.Security.Claims.ClaimsPrincipal user) => user.Identity?.Name ?? "admin";
}
