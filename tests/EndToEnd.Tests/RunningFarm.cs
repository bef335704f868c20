using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.AdminApi;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService;
using IceFarm.Testing;
using IceFarm.WorkerAgent;
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
    private readonly HostedApps _apps = new();
    private IsolatedBackends? _backends;

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public Uri ReservationServiceUri { get; private set; } = null!;

    public Uri AdminApiUri { get; private set; } = null!;

    public Uri WorkerUri { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        var settings = new Dictionary<string, string?>(_backends.Settings(AdminToken))
        {
            ["Worker:Name"] = WorkerName,
            ["Worker:SimulatedBoards"] = SimulatedBoards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
        };

        ReservationServiceUri = await _apps.StartAsync(ReservationServiceApp.Build([], WebApps.Configure(settings)), StartTimeout);
        AdminApiUri = await _apps.StartAsync(AdminApiApp.Build([], WebApps.Configure(settings)), StartTimeout);
        WorkerUri = await _apps.StartAsync(WorkerAgentApp.Build([], WebApps.Configure(settings)), StartTimeout);
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
        AdminDevices.WaitForAvailableAsync(Admin, count, TimeSpan.FromSeconds(60));

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
