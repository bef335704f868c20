using System.Globalization;
using IceFarm.FarmData.Clients;
using IceFarm.Testing;
using IceFarm.Testing.Farm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// A ReservationService and a worker of eight fast simulated boards whose PostgreSQL is a cluster of their own
/// (<see cref="PrivatePostgresCluster"/>), which a test stops, crashes and restarts; RabbitMQ is the shared server, in a vhost of its own.
/// </summary>
public sealed class PrivateDatabaseFarm : IAsyncLifetime
{
    public const int Boards = 8;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HostedApps _apps = new();
    private IsolatedRabbitVhost? _vhost;

    public PrivatePostgresCluster Cluster { get; private set; } = null!;

    public Uri ReservationServiceUri { get; private set; } = null!;

    internal IServiceProvider Services => _apps[0].Services;

    public async Task InitializeAsync()
    {
        Cluster = await PrivatePostgresCluster.CreateAsync();
        _vhost = await IsolatedRabbitVhost.CreateAsync(await TestServers.GetAsync());
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Cluster.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = _vhost.AmqpUri.ToString(),
            ["WorkerIdentity:Required"] = "false",
            ["Admin:Token"] = $"admin-{Guid.NewGuid():N}",
            ["Urls"] = "http://127.0.0.1:0",
            ["Worker:Name"] = "private-db-worker",
            ["Worker:SimulatedBoards"] = Boards.ToString(CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
            // Shorter than the test's outage: heartbeats cannot be recorded while the database is down, and a monitor that
            // counted that silence would take the worker offline (and fail its evaluations) as soon as the database is back.
            ["Liveness:OfflineAfter"] = "00:00:03",
            ["Liveness:ReconnectGrace"] = "00:00:05",
        };
        ReservationServiceUri = await _apps.StartAsync(FarmApps.ReservationService(WebApps.Configure(settings)), StartTimeout);
        await _apps.StartAsync(FarmApps.WorkerAgent(WebApps.Configure(settings)), StartTimeout);
    }

    /// <summary>A client identity issued as the admin API issues it, and an SDK client for it.</summary>
    public async Task<FarmClient> CreateClientAsync(string name, TimeSpan maxRetryTime)
    {
        var (_, token) = await Services.GetRequiredService<ClientDirectory>().CreateAsync(name, "test", null, CancellationToken.None);
        return new FarmClient(new FarmClientOptions
        {
            BaseAddress = ReservationServiceUri, Token = token, RequestTimeout = TimeSpan.FromSeconds(30), MaxRetryTime = maxRetryTime,
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _apps.StopAllAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (_vhost is not null)
            {
                await _vhost.DisposeAsync();
            }

            if (Cluster is not null)
            {
                await Cluster.DisposeAsync();
            }
        }
    }
}
