using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using IceFarm.Testing.Farm;

namespace IceFarm.Client.Tests;

/// <summary>
/// A real farm for the client's tests: ReservationService, AdminApi and one worker with eight simulated boards (fast
/// profile) on 127.0.0.1 port 0, against real PostgreSQL and RabbitMQ with a database and a vhost of its own.
/// </summary>
public class ClientFarm : TestFarmFixture
{
    public const int Boards = 8;
    public const string WorkerName = "client-tests-worker";
    private readonly int _boards;
    private readonly IReadOnlyDictionary<string, string?> _extra;

    public ClientFarm()
        : this(Boards, new Dictionary<string, string?>())
    {
    }

    protected ClientFarm(int boards, IReadOnlyDictionary<string, string?> extraSettings)
    {
        _boards = boards;
        _extra = extraSettings;
    }

    /// <summary>The worker's health port (and its <c>/faults/boards</c> when a farm sets a fault-injection token).</summary>
    public Uri WorkerUri => Farm.WorkerUri(WorkerName);

    protected override TestFarmBuilder Build() => new TestFarmBuilder()
        // The keepalive tests use a TTL of seconds, so that a dead client's boards come back within a test's patience.
        .With([new("Reservations:MinKeepAlive", "00:00:01")])
        .With(_extra)
        .WithReservationService()
        .WithAdminApi()
        .WithWorker(WorkerName, _boards);

    /// <summary>A client token issued through the admin API, and an SDK client for it.</summary>
    public async Task<(ClientCreated Credentials, FarmClient Client)> CreateClientAsync(string name, HttpMessageHandler? handler = null)
    {
        var credentials = await Farm.CreateClientAsync($"{name}-{Guid.NewGuid():N}"[..Math.Min(40, name.Length + 33)]);
        var options = new FarmClientOptions { BaseAddress = ReservationServiceUri, Token = credentials.Token, RequestTimeout = TimeSpan.FromSeconds(30) };
        return (credentials, handler is null ? new FarmClient(options) : new FarmClient(new HttpClient(handler), options));
    }

    /// <summary>Waits until the admin API shows <paramref name="count"/> boards that are free.</summary>
    public Task<DeviceInfo[]> WaitForAvailableBoardsAsync(int count) => Farm.WaitForAvailableBoardsAsync(count, TimeSpan.FromSeconds(90));

    /// <summary>The boards as the admin API shows them.</summary>
    public async Task<DeviceInfo[]> DevicesAsync(CancellationToken ct = default) =>
        (await Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", ct))!;

    /// <summary>Stops the worker host as a crash would look to the farm: its heartbeats stop.</summary>
    public Task StopWorkerAsync() => Farm.StopWorkerAsync(WorkerName, TimeSpan.FromSeconds(30));
}
