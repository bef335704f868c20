using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>
/// A running farm for the panel: ReservationService, AdminApi and two WorkerAgents with simulated boards
/// (<see cref="BusyWorker"/> with three, <see cref="SpareWorker"/> with one), on 127.0.0.1:0 with their own database and vhost.
/// </summary>
public sealed class PanelFarm : IAsyncLifetime
{
    public const string BusyWorker = "rack-a";
    public const string SpareWorker = "rack-b";

    /// <summary>Taken out of service and returned by the maintenance test; nothing else touches it.</summary>
    public const string RepairWorker = "rack-c";
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HostedApps _apps = new();
    private IsolatedBackends? _backends;

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public Uri AdminApiUri { get; private set; } = null!;

    public Uri ReservationServiceUri { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        var servers = _backends.Servers;
        var settings = new Dictionary<string, string?>(_backends.Settings(AdminToken))
        {
            ["AdminApi:RabbitMqManagementUrl"] = servers.RabbitMqManagement.GetLeftPart(UriPartial.Authority).Replace(servers.RabbitMqManagement.UserInfo + "@", "", StringComparison.Ordinal) + "/",
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
        };

        ReservationServiceUri = await _apps.StartAsync(ServiceApps.ReservationService(With(settings)), Deadline);
        AdminApiUri = await _apps.StartAsync(AdminApiApp.Build([], With(settings)), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (BusyWorker, 3))), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (SpareWorker, 1))), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (RepairWorker, 1))), Deadline);
        Admin = new HttpClient { BaseAddress = AdminApiUri, Timeout = Deadline };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        await WaitForAvailableBoardsAsync(5);
    }

    /// <summary>Issues a client and reserves boards of <see cref="BusyWorker"/> for it through the client API.</summary>
    public async Task<(string ClientId, ReservationResponse Reservation)> ReserveAsync(string name, int boards)
    {
        using var issue = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest(name));
        var created = (await issue.Content.ReadFromJsonAsync<ClientCreated>())!;
        var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/workers/{BusyWorker}/devices");
        using var client = new HttpClient { BaseAddress = ReservationServiceUri, Timeout = Deadline };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        var serials = devices!.Where(d => d.ReservationId is null).Take(boards).Select(d => d.Serial).ToArray();
        using var reserve = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials, Duration: "PT2H"));
        reserve.EnsureSuccessStatusCode();
        return (created.ClientId, (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!);
    }

    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count) =>
        AdminDevices.WaitForAvailableAsync(Admin, count, Deadline);

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        await _apps.StopAllAsync(Deadline);
        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
    }

    private static Action<WebApplicationBuilder> With(Dictionary<string, string?> settings, (string Name, int Boards)? worker = null) => builder =>
    {
        var all = new Dictionary<string, string?>(settings);
        if (worker is { } w)
        {
            all["Worker:Name"] = w.Name;
            all["Worker:SimulatedBoards"] = w.Boards.ToString(CultureInfo.InvariantCulture);
        }

        builder.Configuration.AddInMemoryCollection(all);
    };
}
