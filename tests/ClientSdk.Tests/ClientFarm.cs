using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// A real farm for the client's tests: ReservationService, AdminApi and one worker with eight simulated boards (fast
/// profile) on 127.0.0.1 port 0, against real PostgreSQL and RabbitMQ with a database and a vhost of its own.
/// </summary>
public class ClientFarm : IAsyncLifetime
{
    public const int Boards = 8;
    public const string WorkerName = "client-tests-worker";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HostedApps _apps = new();
    private IsolatedBackends? _backends;
    private readonly int _boards;
    private readonly IReadOnlyDictionary<string, string?> _extra;
    private WebApplication? _worker;

    public ClientFarm()
        : this(Boards, new Dictionary<string, string?>())
    {
    }

    protected ClientFarm(int boards, IReadOnlyDictionary<string, string?> extraSettings)
    {
        _boards = boards;
        _extra = extraSettings;
    }

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public Uri ReservationServiceUri { get; private set; } = null!;

    public Uri AdminApiUri { get; private set; } = null!;

    /// <summary>The worker's health port (and its <c>/faults/boards</c> when a farm sets a fault-injection token).</summary>
    public Uri WorkerUri { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        var settings = new Dictionary<string, string?>(_backends.Settings(AdminToken))
        {
            ["Worker:Name"] = WorkerName,
            ["Worker:SimulatedBoards"] = _boards.ToString(CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
            // The keepalive tests use a TTL of seconds, so that a dead client's boards come back within a test's patience.
            ["Reservations:MinKeepAlive"] = "00:00:01",
        };

        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }

        ReservationServiceUri = await _apps.StartAsync(ServiceApps.ReservationService(WebApps.Configure(settings)), StartTimeout);
        AdminApiUri = await _apps.StartAsync(ServiceApps.AdminApi(WebApps.Configure(settings)), StartTimeout);
        _worker = ServiceApps.WorkerAgent(WebApps.Configure(settings));
        WorkerUri = await _apps.StartAsync(_worker, StartTimeout);
        Admin = new HttpClient { BaseAddress = AdminApiUri, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    /// <summary>A client token issued through the admin API, and an SDK client for it.</summary>
    public async Task<(ClientCreated Credentials, FarmClient Client)> CreateClientAsync(string name, HttpMessageHandler? handler = null)
    {
        using var response = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest($"{name}-{Guid.NewGuid():N}"[..Math.Min(40, name.Length + 33)]));
        response.EnsureSuccessStatusCode();
        var credentials = (await response.Content.ReadFromJsonAsync<ClientCreated>())!;
        var options = new FarmClientOptions { BaseAddress = ReservationServiceUri, Token = credentials.Token, RequestTimeout = TimeSpan.FromSeconds(30) };
        return (credentials, handler is null ? new FarmClient(options) : new FarmClient(new HttpClient(handler), options));
    }

    /// <summary>Waits until the admin API shows <paramref name="count"/> boards that are free.</summary>
    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count) =>
        AdminDevices.WaitForAvailableAsync(Admin, count, TimeSpan.FromSeconds(90));

    /// <summary>The boards as the admin API shows them.</summary>
    public async Task<DeviceInfo[]> DevicesAsync(CancellationToken ct = default) =>
        (await Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", ct))!;

    /// <summary>Stops the worker host as a crash would look to the farm: its heartbeats stop.</summary>
    public async Task StopWorkerAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _worker!.StopAsync(stop.Token);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        await _apps.StopAllAsync(TimeSpan.FromSeconds(30));
        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
    }
}
