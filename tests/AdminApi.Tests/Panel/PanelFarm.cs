using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using IceFarm.Testing.Farm;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>
/// A running farm for the panel: ReservationService, AdminApi and WorkerAgents with simulated boards
/// (<see cref="BusyWorker"/> with three; <see cref="SpareWorker"/>, <see cref="RepairWorker"/>, <see cref="QueueWorker"/> and
/// <see cref="HoldWorker"/> with one),
/// on 127.0.0.1:0 with their own database and vhost.
/// </summary>
public sealed class PanelFarm : TestFarmFixture
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
    private ServerEndpoints? _servers;

    public override async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        await base.InitializeAsync();
        await WaitForAvailableBoardsAsync(Boards);
    }

    /// <summary>Issues a client and returns its id and an HTTP client for the ReservationService with its token.</summary>
    public async Task<(string ClientId, HttpClient Http)> NewClientAsync(string name, TimeSpan? timeout = null)
    {
        var created = await Farm.CreateClientAsync(name);
        var client = new HttpClient { BaseAddress = ReservationServiceUri, Timeout = timeout ?? Deadline };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        return (created.ClientId, client);
    }

    /// <summary>Issues a client and reserves boards of <see cref="BusyWorker"/> for it through the client API.</summary>
    public async Task<(string ClientId, ReservationResponse Reservation)> ReserveAsync(string name, int boards)
    {
        var (clientId, client) = await NewClientAsync(name);
        using var _ = client;
        // A board another test just released shows no reservation while its worker still resets it; reserving it
        // then is refused, so only boards the farm shows available are picked.
        var serials = await Eventually.WaitForAsync(async ct =>
        {
            var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/workers/{BusyWorker}/devices", ct);
            var free = devices!.Where(d => d.State == "Available" && d.ReservationId is null && d.Hold is null).Select(d => d.Serial).ToArray();
            return free.Length >= boards ? free[..boards] : null;
        }, Deadline, $"{boards} available boards of {BusyWorker}");
        using var reserve = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials, Duration: "PT2H"));
        reserve.EnsureSuccessStatusCode();
        return (clientId, (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!);
    }

    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count) => Farm.WaitForAvailableBoardsAsync(count, Deadline);

    protected override TestFarmBuilder Build()
    {
        var management = _servers!.RabbitMqManagement;
        return new TestFarmBuilder { StartTimeout = Deadline, AdminRequestTimeout = Deadline }
            .With([new("AdminApi:RabbitMqManagementUrl", management.GetLeftPart(UriPartial.Authority).Replace(management.UserInfo + "@", "", StringComparison.Ordinal) + "/")])
            .WithReservationService()
            .WithAdminApi()
            .WithWorker(BusyWorker, 3, "pulsecount")
            .WithWorker(SpareWorker, 1, "pulsecount")
            .WithWorker(RepairWorker, 1, "pulsecount")
            .WithWorker(QueueWorker, 1, QueueKind)
            .WithWorker(HoldWorker, 1, "pulsecount");
    }
}
