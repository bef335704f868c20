using System.Security.Claims;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Queue;
using IceFarm.ReservationService.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.ReservationService.Queue;

/// <summary>A client's own waiting requests and their places in the farm-wide line (API.md).</summary>
internal static class QueueApi
{
    public static IEndpointRouteBuilder MapQueue(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/queue", MineAsync).RequireAuthorization(FarmClaims.ClientPolicy).WithTags("Reservations");
        return app;
    }

    private static async Task<Ok<QueuedRequestInfo[]>> MineAsync(ClaimsPrincipal user, QueueReader reader, CancellationToken ct)
    {
        var clientId = ReservationsApi.ClientIdOf(user);
        return TypedResults.Ok((await reader.LineAsync(ct)).Where(r => r.ClientId == clientId).ToArray());
    }
}
