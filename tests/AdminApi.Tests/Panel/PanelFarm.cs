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
/// A running farm for the panel: ReservationService, AdminApi and WorkerAgents with simulated boards
/// (<see cref="BusyWorker"/> with three; <see cref="SpareWorker"/>, <see cref="RepairWorker"/>, <see cref="QueueWorker"/> and
/// <see cref="HoldWorker"/> with one),
/// on 127.0.0.1:0 with their own database and vhost.
/// </summary>
public sealed class PanelFarm : IAsyncLifetime
{
    public const string BusyWorker = "rack-a";
    public const string SpareWorker = "rack-b";

    /// <summary>Taken out of service and returned by the maintenance test; nothing else touches it.</summary>
    public const string RepairWorker = "rack-c";
    /// <summary>The only worker serving <see cref="QueueKind"/> (the others serve pulsecount only): the queue test makes a line there.</summary>
    public const string QueueWorker = "rack-q";
    public const string QueueKind = "variance";

    /// <summary>Its one board is put into maintenance and returned by the board hold test; nothing else touches it.</summary>
    public const string HoldWorker = "rack-h";

    /// <summary>Every board of the farm.</summary>
    public const int Boards = 7;
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
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (BusyWorker, 3, "pulsecount"))), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (SpareWorker, 1, "pulsecount"))), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (RepairWorker, 1, "pulsecount"))), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (QueueWorker, 1, QueueKind))), Deadline);
        await _apps.StartAsync(ServiceApps.WorkerAgent(With(settings, (HoldWorker, 1, "pulsecount"))), Deadline);
        Admin = new HttpClient { BaseAddress = AdminApiUri, Timeout = Deadline };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        await WaitForAvailableBoardsAsync(Boards);
    }

    /// <summary>Issues a client and returns its id and an HTTP client for the ReservationService with its token.</summary>
    public async Task<(string ClientId, HttpClient Http)> NewClientAsync(string name, TimeSpan? timeout = null)
    {
        using var issue = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest(name));
        issue.EnsureSuccessStatusCode();
        var created = (await issue.Content.ReadFromJsonAsync<ClientCreated>())!;
        var client = new HttpClient { BaseAddress = ReservationServiceUri, Timeout = timeout ?? Deadline };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        return (created.ClientId, client);
    }

    /// <summary>Issues a client and reserves boards of <see cref="BusyWorker"/> for it through the client API.</summary>
    public async Task<(string ClientId, ReservationResponse Reservation)> ReserveAsync(string name, int boards)
    {
        var (clientId, client) = await NewClientAsync(name);
        using var _ = client;
        var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/workers/{BusyWorker}/devices");
        var serials = devices!.Where(d => d.ReservationId is null).Take(boards).Select(d => d.Serial).ToArray();
        using var reserve = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials, Duration: "PT2H"));
        reserve.EnsureSuccessStatusCode();
        return (clientId, (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!);
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

    private static Action<WebApplicationBuilder> With(Dictionary<string, string?> settings, (string Name, int Boards, string Kind)? worker = null) => builder =>
    {
        var all = new Dictionary<string, string?>(settings);
        if (worker is { } w)
        {
            all["Worker:Name"] = w.Name;
            all["Worker:SimulatedBoards"] = w.Boards.ToString(CultureInfo.InvariantCulture);
            all["Worker:Kinds:0"] = w.Kind;
        }

        builder.Configuration.AddInMemoryCollection(all);
    };
}
