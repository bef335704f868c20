using System.Security.Claims;
using System.Text.Encodings.Web;
using IceFarm.Contracts.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Auth;

/// <summary>
/// Bearer tokens: an issued token (<see cref="TokenDirectory"/>: a client, or an operator with a role) or, where the
/// process offers one, the bootstrap admin token from configuration. A refused token gets a 401 that says why.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenDirectory tokens,
    IServiceProvider services) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string RefusalKey = "icefarm:token-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return Refuse("The Authorization header must be 'Bearer <token>'.");
        }

        var secret = header[7..].Trim();
        if (services.GetService<BootstrapAdmin>() is { } bootstrap && bootstrap.Matches(secret))
        {
            return Success(FarmClaims.For(BootstrapAdmin.Name, OperatorRoles.Admin));
        }

        var (token, refusal) = await tokens.CheckAsync(secret, Context.RequestAborted);
        return token switch
        {
            null => Refuse(refusal!),
            { Kind: TokenKind.Client } => Success([new Claim(ClaimTypes.Name, token.Subject), new Claim(FarmClaims.ClientId, token.Subject)]),
            _ => Success(FarmClaims.For(token.Subject, token.Role ?? OperatorRoles.Viewer)),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblem(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unauthorized",
            Context.Items[RefusalKey] as string ?? "A valid bearer token is required (Authorization: Bearer <token>).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, ProblemTypes.Unauthorized, "Forbidden", "This token may not do that.");

    private AuthenticateResult Refuse(string why)
    {
        Context.Items[RefusalKey] = why;
        return AuthenticateResult.Fail(why);
    }

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    private Task WriteProblem(int status, string type, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json", cancellationToken: Context.RequestAborted);
    }
}
