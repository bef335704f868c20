using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.AdminApi;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService;
using IceFarm.Testing;
using IceFarm.WorkerAgent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.EndToEnd.Tests;

/// <summary>
/// The three services as real hosts on 127.0.0.1 (port 0) against real PostgreSQL and RabbitMQ, with a database and a
/// vhost of their own, and one worker with simulated boards.
/// </summary>
public sealed class RunningFarm : IAsyncLifetime
{
    public const string WorkerName = "e2e-worker";
    public const int SimulatedBoards = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<WebApplication> _apps = [];
    private IsolatedPostgres? _database;
    private IsolatedRabbitVhost? _vhost;

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public Uri ReservationServiceUri { get; private set; } = null!;

    public Uri AdminApiUri { get; private set; } = null!;

    public Uri WorkerUri { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        _database = await IsolatedPostgres.CreateAsync(servers);
        _vhost = await IsolatedRabbitVhost.CreateAsync(servers);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = _vhost.AmqpUri.ToString(),
            ["Admin:Token"] = AdminToken,
            ["Urls"] = "http://127.0.0.1:0",
            ["Worker:Name"] = WorkerName,
            ["Worker:SimulatedBoards"] = SimulatedBoards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
        };

        ReservationServiceUri = await StartAsync(ReservationServiceApp.Build([], Configure(settings)));
        AdminApiUri = await StartAsync(AdminApiApp.Build([], Configure(settings)));
        WorkerUri = await StartAsync(WorkerAgentApp.Build([], Configure(settings)));
        Admin = new HttpClient { BaseAddress = AdminApiUri, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    /// <summary>Issues a client token through the admin API, as an operator would.</summary>
    public async Task<ClientCreated> CreateClientAsync(string name)
    {
        using var response = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest(name));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClientCreated>())!;
    }

    /// <summary>Waits until the admin API shows <paramref name="count"/> available boards.</summary>
    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count) =>
        Eventually.WaitForAsync(async ct =>
        {
            var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", ct);
            return devices!.Count(d => d.State == "Available" && d.ReservationId is null) >= count ? devices : null;
        }, TimeSpan.FromSeconds(60), $"{count} available boards");

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }

        if (_vhost is not null)
        {
            await _vhost.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static Action<WebApplicationBuilder> Configure(Dictionary<string, string?> settings) =>
        builder => builder.Configuration.AddInMemoryCollection(settings);

    private async Task<Uri> StartAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync().WaitAsync(StartTimeout);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
