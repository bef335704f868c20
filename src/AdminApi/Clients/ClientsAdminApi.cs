using System.Security.Claims;
using IceFarm.AdminApi.Actions;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Clients;

/// <summary>Clients: issuing identities (the token is returned once, only its hash is kept) and acting on all of a client's reservations.</summary>
internal static class ClientsAdminApi
{
    public static IEndpointRouteBuilder MapClientAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/clients").RequireAuthorization(FarmClaims.ViewerPolicy).WithTags("Clients");
        group.MapPost("", CreateAsync).RequireAuthorization(FarmClaims.AdminPolicy).WithSummary("Issues a client identity and its bearer token.");
        group.MapGet("", ListAsync).WithSummary("Every issued client with what it holds now.");
        group.MapGet("/{clientId}/reservations", ReservationsAsync).WithSummary("The client's reservations with their boards.");
        group.MapPost("/{clientId}/end", EndAsync).RequireAuthorization(FarmClaims.OperatorPolicy).WithSummary("Ends all of the client's reservations.");
        group.MapPost("/{clientId}/extend", ExtendAsync).RequireAuthorization(FarmClaims.OperatorPolicy).WithSummary("Extends all of the client's reservations; optional body { \"duration\" }.");
        return app;
    }

    private static async Task<Results<Created<ClientCreated>, ProblemHttpResult>> CreateAsync(
        HttpRequest http, ClaimsPrincipal user, ClientDirectory clients, TimeProvider time, CancellationToken ct)
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

        if (Tokens.TokenExpiry.Problem(body.TokenExpiresAt, time, "tokenExpiresAt") is { } expiry)
        {
            return Problems.BadRequest(expiry);
        }

        var (account, token) = await clients.CreateAsync(body.Name, user.AdminName(), body.TokenExpiresAt, ct);
        return TypedResults.Created($"/api/admin/clients/{account.Id}", new ClientCreated(account.Id, token));
    }

    private static async Task<Ok<ClientInfo[]>> ListAsync(ClientReader clients, CancellationToken ct) =>
        TypedResults.Ok(await clients.ClientsAsync(ct));

    private static async Task<Results<Ok<ClientReservationInfo[]>, ProblemHttpResult>> ReservationsAsync(
        string clientId, bool? active, ClientReader clients, CancellationToken ct) =>
        await clients.ReservationsAsync(clientId, active ?? false, ct) is { } reservations
            ? TypedResults.Ok(reservations)
            : Problems.NotFound($"No client has id '{clientId}'.");

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> EndAsync(
        string clientId, ClaimsPrincipal user, AdminActions actions, CancellationToken ct) =>
        (await actions.EndClientAsync(clientId, user.AdminName(), ct)).ToHttp();

    private static async Task<Results<Accepted<AdminActionAccepted>, ProblemHttpResult>> ExtendAsync(
        string clientId, HttpRequest http, ClaimsPrincipal user, AdminActions actions, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<AdminExtendRequest>(http, optional: true, ct);
        return error is not null
            ? Problems.BadRequest(error)
            : (await actions.ExtendClientAsync(clientId, body?.Duration, user.AdminName(), ct)).ToHttp();
    }
}
