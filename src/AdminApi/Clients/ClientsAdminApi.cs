using System.Security.Claims;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Clients;
using IceFarm.ReservationService.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Clients;

/// <summary>Issuing client identities: the token is returned once, only its hash is kept.</summary>
internal static class ClientsAdminApi
{
    public static IEndpointRouteBuilder MapClientAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/clients", CreateAsync).RequireAuthorization(FarmClaims.AdminPolicy).WithTags("Clients");
        return app;
    }

    private static async Task<Results<Created<ClientCreated>, ProblemHttpResult>> CreateAsync(
        HttpRequest http, ClaimsPrincipal user, ClientDirectory clients, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateClientRequest>(http, optional: false, ct);
        if (body is null)
        {
            return Problems.BadRequest(error!);
        }

        if (!ClientDirectory.IsValidName(body.Name))
        {
            return Problems.BadRequest("'name' must be 1 to 64 characters: letters, digits and . - _ @, starting with a letter or digit.");
        }

        var (account, token) = await clients.CreateAsync(body.Name, user.Identity?.Name ?? "admin", ct);
        return TypedResults.Created($"/api/admin/clients/{account.Id}", new ClientCreated(account.Id, token));
    }
}
