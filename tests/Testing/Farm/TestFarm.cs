using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using Microsoft.AspNetCore.Builder;

namespace IceFarm.Testing.Farm;

/// <summary>
/// A running farm made by <see cref="TestFarmBuilder"/>: its hosts, their addresses, an admin client, and the database and
/// vhost they use. Disposing stops the hosts (workers first) and drops the database and the vhost.
/// </summary>
public sealed class TestFarm : IAsyncDisposable
{
    private readonly HostedApps _apps = new();
    private readonly Dictionary<string, WebApplication> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Uri> _workerUris = new(StringComparer.Ordinal);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // A worker drains when its host stops, and waits for the leases on its boards to end; the farm goes away with them,
    // so the wait is cut short (it took the whole 30 s for each farm a test left a board reserved in).
    private static readonly TimeSpan WorkerStopTimeout = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _adminTimeout;

    internal TestFarm(IsolatedBackends backends, TimeSpan timeout, TimeSpan adminTimeout)
    {
        Backends = backends;
        _timeout = timeout;
        _adminTimeout = adminTimeout;
    }

    /// <summary>The farm's database and vhost.</summary>
    public IsolatedBackends Backends { get; }

    /// <summary>The bootstrap admin token every host of the farm accepts.</summary>
    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    /// <summary>The ReservationService's address, if the farm runs it.</summary>
    public Uri ReservationServiceUri { get; private set; } = null!;

    /// <summary>The AdminApi's address, if the farm runs it.</summary>
    public Uri AdminApiUri { get; private set; } = null!;

    /// <summary>An HTTP client for the AdminApi with the admin token, if the farm runs it.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The ReservationService's services, if the farm runs it.</summary>
    public IServiceProvider ReservationServiceServices { get; private set; } = null!;

    /// <summary>The health address of the worker named <paramref name="name"/>.</summary>
    public Uri WorkerUri(string name) => _workerUris[name];

    /// <summary>Issues a client through the admin API, as an operator would.</summary>
    public async Task<ClientCreated> CreateClientAsync(string name, CancellationToken ct = default)
    {
        using var response = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest(name), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClientCreated>(ct))!;
    }

    /// <summary>Waits until the admin API shows <paramref name="count"/> free boards.</summary>
    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count, TimeSpan deadline) =>
        AdminDevices.WaitForAvailableAsync(Admin, count, deadline);

    /// <summary>Stops the worker's host as a crash looks to the farm: its heartbeats stop.</summary>
    public async Task StopWorkerAsync(string name, TimeSpan deadline)
    {
        using var stop = new CancellationTokenSource(deadline);
        await _workers[name].StopAsync(stop.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        await _apps.StopAllAsync(StopTimeout, app => _workers.ContainsValue(app) ? WorkerStopTimeout : null);
        await Backends.DisposeAsync();
    }

    internal async Task StartAsync(
        Dictionary<string, string?> settings,
        Action<WebApplicationBuilder>? reservationService,
        Action<WebApplicationBuilder>? adminApi,
        IReadOnlyList<TestFarmWorker> workers)
    {
        var configure = WebApps.Configure(settings);
        if (reservationService is not null)
        {
            var app = FarmApps.ReservationService(configure + reservationService);
            ReservationServiceUri = await _apps.StartAsync(app, _timeout);
            ReservationServiceServices = app.Services;
        }

        if (adminApi is not null)
        {
            AdminApiUri = await _apps.StartAsync(FarmApps.AdminApi(configure + adminApi), _timeout);
            Admin = new HttpClient { BaseAddress = AdminApiUri, Timeout = _adminTimeout };
            Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        foreach (var worker in workers)
        {
            var app = FarmApps.WorkerAgent(WebApps.Configure(settings.Concat(worker.Settings)));
            _workers[worker.Name] = app;
            _workerUris[worker.Name] = await _apps.StartAsync(app, _timeout);
        }
    }
}
