using System.Security.Claims;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Quotas;
using IceFarm.ReservationService.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.ReservationService.Quotas;

/// <summary>A client's own usage against its quotas (<c>icefarm usage</c>).</summary>
internal static class UsageApi
{
    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/usage", MineAsync).RequireAuthorization(FarmClaims.ClientPolicy).WithTags("Reservations");
        return app;
    }

    private static async Task<Ok<ClientUsage>> MineAsync(ClaimsPrincipal user, ClientQuotas quotas, CancellationToken ct) =>
        TypedResults.Ok((await quotas.UsageAsync(ReservationsApi.ClientIdOf(user), ct))!);
}
