using System.Text.Json;
using IceFarm.Testing;
using IceFarm.Testing.Farm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The ReservationService and the AdminApi as built for production, never started: their JSON options and the
/// endpoints with the types they answer, which is what the SDK and the CLI must agree with.
/// </summary>
public sealed class ServiceContract : IAsyncLifetime
{
    private WebApplication? _service;
    private WebApplication? _admin;

    /// <summary>The options the ReservationService writes its answers and event payloads with.</summary>
    public JsonSerializerOptions ServiceJson { get; private set; } = null!;

    /// <summary>The options the AdminApi writes its answers with.</summary>
    public JsonSerializerOptions AdminJson { get; private set; } = null!;

    public IReadOnlyList<RouteEndpoint> ServiceEndpoints { get; private set; } = [];

    public IReadOnlyList<RouteEndpoint> AdminEndpoints { get; private set; } = [];

    public Task InitializeAsync()
    {
        var settings = WebApps.Configure(new Dictionary<string, string?>
        {
            // Built, never started: nothing connects to these.
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=contract;Username=contract;Password=contract",
            ["ConnectionStrings:RabbitMq"] = "amqp://contract:contract@127.0.0.1:1/",
            ["Admin:Token"] = "contract-tests",
        });
        _service = FarmApps.ReservationService(settings);
        _admin = FarmApps.AdminApi(settings);
        ServiceJson = _service.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        AdminJson = _admin.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        ServiceEndpoints = EndpointsOf(_service);
        AdminEndpoints = EndpointsOf(_admin);
        return Task.CompletedTask;
    }

    /// <summary>The type a 2xx answer of the endpoint carries, or null when it answers no body.</summary>
    public static Type? AnswerOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Where(m => m.StatusCode is >= 200 and < 300 && m.Type is not null && m.Type != typeof(void))
            .Select(m => m.Type)
            .FirstOrDefault();

    public static string MethodOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is { HttpMethods: [var method, ..] } ? method : "";

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    private static RouteEndpoint[] EndpointsOf(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];
}
