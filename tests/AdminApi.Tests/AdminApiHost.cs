using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.AdminApi.Tests;

/// <summary>
/// A real ReservationService and AdminApi on 127.0.0.1:0 with a database and a vhost of their own. Tests play the
/// workers by publishing the heartbeats a worker sends, and see the admin commands through an <see cref="AdminCommandProbe"/>.
/// </summary>
public sealed class AdminApiHost : IAsyncLifetime
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly List<WebApplication> _apps = [];
    private IsolatedPostgres? _database;
    private IsolatedRabbitVhost? _vhost;

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public HttpClient Admin { get; private set; } = null!;

    public Uri ReservationServiceUri { get; private set; } = null!;

    public Uri AdminApiUri { get; private set; } = null!;

    internal AdminCommandProbe Probe { get; private set; } = null!;

    private IServiceProvider ReservationServices => _apps[0].Services;

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
        };
        void Configure(WebApplicationBuilder builder) => builder.Configuration.AddInMemoryCollection(settings);

        ReservationServiceUri = await StartAsync(ServiceApps.ReservationService(Configure));
        AdminApiUri = await StartAsync(AdminApiApp.Build([], Configure));
        Probe = await AdminCommandProbe.StartAsync(_vhost.AmqpUri);
        Admin = Client(AdminApiUri, AdminToken);
    }

    public HttpClient Anonymous() => Client(AdminApiUri, null);

    public HttpClient Client(Uri baseAddress, string? token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Deadline };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>Announces a worker whose boards are all available, as its heartbeat would, and waits until the admin API shows them.</summary>
    public async Task<string[]> AnnounceWorkerAsync(string worker, int boards, string kind = "pulsecount")
    {
        var serials = Enumerable.Range(0, boards).Select(i => $"{worker.ToUpperInvariant()}-{i:D3}").ToArray();
        var bus = ReservationServices.GetRequiredService<IBus>();
        await bus.Publish(new WorkerHeartbeat(worker, "test-1.0", [kind],
            [.. serials.Select(s => new DeviceSummary(s, DeviceState.Available, DeviceHealth.Good, null, null))],
            Draining: false, SentAt: TimeProvider.System.GetUtcNow()) { Host = $"{worker}.lab" });
        await Eventually.WaitForAsync(async ct =>
        {
            var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/devices?worker={worker}", ct);
            return devices!.Count(d => d.State == "Available") == boards ? devices : null;
        }, Deadline, $"{boards} boards of {worker}");
        return serials;
    }

    /// <summary>Issues a client through the admin API and returns its id and an HTTP client for the ReservationService.</summary>
    public async Task<(string ClientId, HttpClient Http)> NewClientAsync(string name)
    {
        using var response = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest(name));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<ClientCreated>())!;
        return (created.ClientId, Client(ReservationServiceUri, created.Token));
    }

    /// <summary>Reserves the named boards for the client through the client API.</summary>
    public static async Task<ReservationResponse> ReserveAsync(HttpClient client, params string[] serials)
    {
        using var response = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Probe is not null)
        {
            await Probe.DisposeAsync();
        }

        foreach (var app in Enumerable.Reverse(_apps))
        {
            using var stop = new CancellationTokenSource(Deadline);
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

    private async Task<Uri> StartAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync().WaitAsync(Deadline);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
