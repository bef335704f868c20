using System.Security.Claims;
using System.Security.Cryptography;
using IceFarm.Testing;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// A real OpenID Connect provider for tests: OpenIddict's server in degraded mode (no stores) on Kestrel 127.0.0.1:0,
/// plain HTTP, ephemeral keys. It knows one confidential client and signs in, without a login form, the user the
/// authorization request names in <c>login_hint</c>; a request naming nobody (a browser's) gets a one-field login form
/// (<see cref="TestOidcLoginPage"/>) that sends it again with the name typed. Codes need PKCE.
/// </summary>
internal sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "icefarm-panel";

    private readonly WebApplication _app;
    private readonly Dictionary<string, TestOidcUser> _users;

    private TestOidcProvider(WebApplication app, Dictionary<string, TestOidcUser> users) => (_app, _users) = (app, users);

    public string ClientSecret { get; } = $"secret-{Guid.NewGuid():N}";

    /// <summary>The provider's issuer, which is also the authority its clients are given.</summary>
    public Uri Issuer { get; private set; } = null!;

    public static async Task<TestOidcProvider> StartAsync(IEnumerable<TestOidcUser> users, TimeSpan deadline)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(TestOidcProvider).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var known = users.ToDictionary(u => u.Login, StringComparer.Ordinal);
        TestOidcProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.EnableDegradedMode();
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            // Degraded mode leaves client checks to the host: one client, its own callback on loopback, its secret.
            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || !IsLoopbackCallback(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or callback.");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != provider!.ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }

                return default;
            }));
            o.AddEventHandler<ApplyTokenResponseContext>(h => h.UseInlineHandler(context =>
            {
                provider!.ForgeIfAsked(context.Response);
                return default;
            }).SetOrder(int.MinValue + 1_000));
        });

        var app = builder.Build();
        app.UseAuthentication();
        provider = new TestOidcProvider(app, known);
        app.MapGet("connect/authorize", provider.Authorize);
        provider.Issuer = await WebApps.StartAsync(app, deadline);
        return provider;
    }

    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.LoginHint is null)
        {
            return TestOidcLoginPage.For(request);
        }

        if (!_users.TryGetValue(request.LoginHint, out var user))
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.PreferredUsername, user.Name).SetClaims("roles", [.. user.Roles]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Re-signs a forged user's id token with a fresh key: same claims, a signature no published key verifies.</summary>
    private void ForgeIfAsked(OpenIddictResponse response)
    {
        if (response.IdToken is not { } idToken)
        {
            return;
        }

        var handler = new JsonWebTokenHandler();
        var token = handler.ReadJsonWebToken(idToken);
        if (!_users.Values.Any(u => u.ForgedSignature && u.Subject == token.Subject))
        {
            return;
        }

        using var rogue = RSA.Create(2048);
        var key = new RsaSecurityKey(rogue.ExportParameters(includePrivateParameters: true)) { KeyId = "rogue" };
        response.IdToken = handler.CreateToken(Base64UrlEncoder.Decode(token.EncodedPayload), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    private static bool IsLoopbackCallback(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsLoopback && parsed.AbsolutePath == "/signin-oidc";

    public async ValueTask DisposeAsync() => await WebApps.StopAsync(_app, TimeSpan.FromSeconds(30));
}
