using System.Security.Claims;
using System.Text.Encodings.Web;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Clients;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Auth;

/// <summary>Bearer tokens: the admin token from configuration, or a client token issued by an admin.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientDirectory clients,
    IOptions<AdminOptions> admin) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <token>'.");
        }

        var token = header[7..].Trim();
        if (TokenHashing.FixedTimeEquals(token, admin.Value.Token))
        {
            return Success(new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, FarmClaims.AdminRole));
        }

        var clientId = await clients.FindClientIdAsync(token, Context.RequestAborted);
        return clientId is null
            ? AuthenticateResult.Fail("Unknown token.")
            : Success(new Claim(ClaimTypes.Name, clientId), new Claim(FarmClaims.ClientId, clientId));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblem(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unauthorized",
            "A valid bearer token is required (Authorization: Bearer <token>).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, ProblemTypes.Unauthorized, "Forbidden", "This token may not do that.");

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    private Task WriteProblem(int status, string type, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json", cancellationToken: Context.RequestAborted);
    }
}
