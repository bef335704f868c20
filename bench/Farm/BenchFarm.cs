using IceFarm.ReservationService;
using IceFarm.FarmData.Clients;
using IceFarm.Testing;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.Bench.Farm;

/// <summary>A real ReservationService (Kestrel on 127.0.0.1:0) on its own database and vhost; the bench plays the workers.</summary>
internal sealed class BenchFarm : IAsyncDisposable
{
    private readonly IsolatedPostgres _database;
    private readonly IsolatedRabbitVhost _vhost;
    private readonly WebApplication _app;
    private readonly WebApplication _admin;

    private BenchFarm(IsolatedPostgres database, IsolatedRabbitVhost vhost, WebApplication app, WebApplication admin, string adminToken)
    {
        _database = database;
        _vhost = vhost;
        _app = app;
        _admin = admin;
        AdminToken = adminToken;
        BaseAddress = AddressOf(app);
        AdminAddress = AddressOf(admin);
    }

    public Uri BaseAddress { get; }

    public Uri AdminAddress { get; }

    public string AdminToken { get; }

    public IServiceProvider AdminServices => _admin.Services;

    /// <summary>The service's own database, for the bench's counters.</summary>
    public string ConnectionString => _database.ConnectionString;

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public ClientDirectory Clients => _app.Services.GetRequiredService<ClientDirectory>();

    public static async Task<BenchFarm> StartAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await IsolatedPostgres.CreateAsync(servers);
        var vhost = await IsolatedRabbitVhost.CreateAsync(servers);
        var adminToken = $"bench-admin-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            // 100 clients would otherwise open ~90 connections on a server shared with other processes; 20 are plenty for 2 cores.
            ["ConnectionStrings:Postgres"] = database.ConnectionString + ";Maximum Pool Size=20",
            ["ConnectionStrings:RabbitMq"] = vhost.AmqpUri.ToString(),
            ["WorkerIdentity:Required"] = "false",
            ["Admin:Token"] = adminToken,
            ["Urls"] = "http://127.0.0.1:0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The bench's workers send one heartbeat; they must not be declared lost while it measures.
            ["Liveness:OfflineAfter"] = "1.00:00:00",
        };
        var app = ReservationServiceApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var admin = IceFarm.AdminApi.AdminApiApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await admin.StartAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return new BenchFarm(database, vhost, app, admin, adminToken);
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _admin.StopAsync(stop.Token);
        }

        await _admin.DisposeAsync();
        await _vhost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
