using System.Security.Claims;
using IceFarm.AdminApi.Actions;
using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Tokens;

/// <summary>Bearer tokens of clients and operators: issued with an optional expiry, listed without their secrets, revoked with a reason.</summary>
internal static class TokensAdminApi
{
    public static IEndpointRouteBuilder MapTokenAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.AdminPolicy).WithTags("Tokens");
        group.MapGet("/tokens", ListAsync).WithSummary("Every issued token (never its secret); filter: subject.");
        group.MapPost("/tokens", IssueOperatorAsync).WithSummary("Issues an operator's token with a role: viewer, operator or admin.");
        group.MapPost("/clients/{clientId}/tokens", IssueClientAsync).WithSummary("Issues a further token for the client (for a rotation).");
        group.MapPost("/tokens/{id}/revoke", RevokeAsync).WithSummary("Revokes the token on every replica within Tokens:RecheckAfter; body { \"reason\" }.");
        return app;
    }

    private static async Task<Ok<TokenInfo[]>> ListAsync(string? subject, TokenDirectory tokens, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok((await tokens.ListAsync(subject, ct)).Select(t => t.ToInfo(now)).ToArray());
    }

    private static async Task<Results<Created<TokenIssued>, ProblemHttpResult>> IssueOperatorAsync(
        HttpRequest http, ClaimsPrincipal user, TokenDirectory tokens, Marten.IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<IssueTokenRequest>(http, optional: false, ct);
        if (body is null)
        {
            return Problems.BadRequest(error!);
        }

        if (!ClientDirectory.IsValidName(body.Operator))
        {
            return Problems.BadRequest("'operator' must be 1 to 64 characters: letters, digits and . - _ @, starting with a letter or digit.");
        }

        if (!OperatorRoles.IsKnown(body.Role))
        {
            return Problems.BadRequest($"'role' must be one of: {string.Join(", ", OperatorRoles.All)}.");
        }

        if (TokenExpiry.Problem(body.ExpiresAt, time) is { } expiry)
        {
            return Problems.BadRequest(expiry);
        }

        await using var session = store.LightweightSession();
        var (token, secret) = tokens.Issue(session, TokenKind.Operator, body.Operator!, body.Role, body.ExpiresAt, user.AdminName());
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/tokens?subject={Uri.EscapeDataString(token.Subject)}", new TokenIssued(token.PublicId, token.Subject, secret, token.ExpiresAt));
    }

    private static async Task<Results<Created<TokenIssued>, ProblemHttpResult>> IssueClientAsync(
        string clientId, HttpRequest http, ClaimsPrincipal user, ClientDirectory clients, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<IssueTokenRequest>(http, optional: true, ct);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (body is { Operator: not null } or { Role: not null })
        {
            return Problems.BadRequest("A client token has no 'operator' or 'role'; only 'expiresAt' may be given.");
        }

        if (TokenExpiry.Problem(body?.ExpiresAt, time) is { } expiry)
        {
            return Problems.BadRequest(expiry);
        }

        return await clients.IssueTokenAsync(clientId, user.AdminName(), body?.ExpiresAt, ct) is { } issued
            ? TypedResults.Created($"/api/admin/tokens?subject={Uri.EscapeDataString(clientId)}", new TokenIssued(issued.Token.PublicId, clientId, issued.Secret, issued.Token.ExpiresAt))
            : Problems.NotFound($"No client has id '{clientId}'.");
    }

    private static async Task<Results<Ok<TokenInfo>, ProblemHttpResult>> RevokeAsync(
        string id, HttpRequest http, ClaimsPrincipal user, TokenDirectory tokens, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RevokeTokenRequest>(http, optional: false, ct);
        if (body is null)
        {
            return Problems.BadRequest(error!);
        }

        if (!ActionText.TryReason(body.Reason, out var reason, out var invalid) || reason is null)
        {
            return Problems.BadRequest(invalid?.Detail ?? "'reason' is required: say why the token is revoked.");
        }

        return await tokens.RevokeAsync(id, user.AdminName(), reason, ct) switch
        {
            null => Problems.NotFound($"No token has id '{id}'."),
            { Changed: false } same => Problems.Conflict($"Token {id} was already revoked at {same.Token.RevokedAt:u}.", Contracts.Http.ProblemTypes.TokenAlreadyRevoked, "Already revoked"),
            var (token, _) => TypedResults.Ok(token.ToInfo(time.GetUtcNow())),
        };
    }
}
