using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
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
    private IsolatedBackends? _backends;
    private WebApplication? _app;
    private Dictionary<string, string?> _settings = [];

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public Uri BaseAddress { get; private set; } = null!;

    internal IServiceProvider Services => _app!.Services;

    /// <summary>The vhost the service and its replicas share.</summary>
    internal IsolatedRabbitVhost Vhost => _backends!.Vhost;

    /// <summary>Settings a derived host adds or overrides.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    /// <summary>The clock the service runs on; the system clock unless a derived host fakes it.</summary>
    public virtual TimeProvider? Time => null;

    public virtual async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        var settings = _backends.Settings(AdminToken);
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _settings = settings;
        await StartAppAsync();
    }

    /// <summary>Stops the service and starts a new one on the same database and vhost, as a redeploy would.</summary>
    public async Task RestartAsync(Action? whileDown = null)
    {
        await WebApps.StopAsync(_app!, Deadline);
        whileDown?.Invoke();
        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        (_app, BaseAddress) = await StartInstanceAsync();
    }

    /// <summary>A second replica on the same database and vhost (and clock), as another pod behind the load balancer.</summary>
    internal async Task<ServiceReplica> StartReplicaAsync()
    {
        var (app, address) = await StartInstanceAsync();
        return new ServiceReplica(app, address);
    }

    private async Task<(WebApplication App, Uri Address)> StartInstanceAsync()
    {
        var app = ReservationServiceApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            if (Time is { } time)
            {
                builder.Services.AddSingleton(time);
            }
        });
        return (app, await WebApps.StartAsync(app, Deadline));
    }

    /// <summary>An HTTP client for a new client identity, issued the way the admin API issues it.</summary>
    public async Task<(HttpClient Http, string ClientId)> NewClientAsync(string name = "tester")
    {
        var (account, token) = await Services.GetRequiredService<ClientDirectory>().CreateAsync(name, "test", null, CancellationToken.None);
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

        // This worker's own boards, not just as many free boards of the kind (another test's boards would satisfy that
        // before this heartbeat is applied, and a grant of these serials would then find them unknown).
        await Eventually.WaitForAsync(async ct =>
        {
            await using var session = Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            var known = await session.LoadManyAsync<DeviceView>(ct, serials.Select(StreamIds.Device));
            var held = await session.LoadManyAsync<FarmData.Reservations.BoardHolder>(ct, serials);
            var view = await session.LoadAsync<WorkerView>(StreamIds.Worker(worker), ct);
            return known.Count == boards && known.All(d => d.IsAvailable) && held.Count == 0 && view is { TakesReservations: true } ? known : null;
        }, Deadline, $"{boards} boards of {worker}");

        return serials;
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await WebApps.StopAsync(_app, Deadline);
        }

        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
    }
}
