using IceFarm.ReservationService;
using IceFarm.ReservationService.Clients;
using IceFarm.Testing;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.Bench;

/// <summary>A real ReservationService (Kestrel on 127.0.0.1:0) on its own database and vhost; the bench plays the workers.</summary>
internal sealed class BenchFarm : IAsyncDisposable
{
    private readonly IsolatedPostgres _database;
    private readonly IsolatedRabbitVhost _vhost;
    private readonly WebApplication _app;

    private BenchFarm(IsolatedPostgres database, IsolatedRabbitVhost vhost, WebApplication app, Uri baseAddress)
    {
        _database = database;
        _vhost = vhost;
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public ClientDirectory Clients => _app.Services.GetRequiredService<ClientDirectory>();

    public static async Task<BenchFarm> StartAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await IsolatedPostgres.CreateAsync(servers);
        var vhost = await IsolatedRabbitVhost.CreateAsync(servers);
        var app = ReservationServiceApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = vhost.AmqpUri.ToString(),
            ["Admin:Token"] = $"bench-admin-{Guid.NewGuid():N}",
            ["Urls"] = "http://127.0.0.1:0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // The bench's workers send one heartbeat; they must not be declared lost while it measures.
            ["Liveness:OfflineAfter"] = "1.00:00:00",
        }));
        await app.StartAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchFarm(database, vhost, app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        await _vhost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
