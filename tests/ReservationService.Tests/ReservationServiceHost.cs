using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Clients;
using IceFarm.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// A real ReservationService on 127.0.0.1:0 with its own database and vhost. Tests play the workers by publishing the
/// same bus messages a worker does.
/// </summary>
public class ReservationServiceHost : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private IsolatedPostgres? _database;
    private IsolatedRabbitVhost? _vhost;
    private WebApplication? _app;
    private Dictionary<string, string?> _settings = [];

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public Uri BaseAddress { get; private set; } = null!;

    internal IServiceProvider Services => _app!.Services;

    /// <summary>Settings a derived host adds or overrides.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    /// <summary>The clock the service runs on; the system clock unless a derived host fakes it.</summary>
    public virtual TimeProvider? Time => null;

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
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _settings = settings;
        await StartAppAsync();
    }

    /// <summary>Stops the service and starts a new one on the same database and vhost, as a redeploy would.</summary>
    public async Task RestartAsync()
    {
        using (var stop = new CancellationTokenSource(Deadline))
        {
            await _app!.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        _app = await StartInstanceAsync();
        BaseAddress = AddressOf(_app);
    }

    /// <summary>A second replica on the same database and vhost (and clock), as another pod behind the load balancer.</summary>
    internal async Task<ServiceReplica> StartReplicaAsync()
    {
        var app = await StartInstanceAsync();
        return new ServiceReplica(app, AddressOf(app));
    }

    private async Task<WebApplication> StartInstanceAsync()
    {
        var app = ReservationServiceApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            if (Time is { } time)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync().WaitAsync(Deadline);
        return app;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>An HTTP client for a new client identity, issued the way the admin API issues it.</summary>
    public async Task<(HttpClient Http, string ClientId)> NewClientAsync(string name = "tester")
    {
        var (account, token) = await Services.GetRequiredService<ClientDirectory>().CreateAsync(name, "test", CancellationToken.None);
        return (Anonymous(token), account.Id);
    }

    public HttpClient Anonymous(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = Deadline };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>Announces a worker with boards in the given state, as its heartbeat would, and waits until the service shows them.</summary>
    public async Task<string[]> AnnounceWorkerAsync(string worker, int boards, string kind = "pulsecount", bool expectAvailable = true)
    {
        var serials = Enumerable.Range(0, boards).Select(i => $"{worker.GetHashCode(StringComparison.Ordinal) & 0xFFFFFF:X6}{i:X10}").ToArray();
        var bus = Services.GetRequiredService<IBus>();
        await bus.Publish(new WorkerHeartbeat(worker, "test-1.0", [kind],
            [.. serials.Select(s => new DeviceSummary(s, DeviceState.Available, DeviceHealth.Good, null, null))],
            Draining: false, SentAt: TimeProvider.System.GetUtcNow()));
        if (!expectAvailable)
        {
            return serials;
        }

        var (probe, _) = await NewClientAsync("probe");
        using (probe)
        {
            await Eventually.WaitForAsync(async ct =>
            {
                var availability = await probe.GetFromJsonAsync<AvailabilityResponse>($"api/v1/availability?kind={kind}", ct);
                return availability!.Available >= boards ? availability : null;
            }, Deadline, $"{boards} boards of {worker}");
        }

        return serials;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(Deadline);
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
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
}
