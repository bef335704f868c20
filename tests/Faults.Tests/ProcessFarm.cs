using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.Testing;

namespace IceFarm.Faults.Tests;

/// <summary>
/// The farm as separate OS processes (ReservationService, AdminApi, one WorkerAgent with simulated fast boards) on fixed
/// loopback ports, against a RabbitMQ node of its own and a database of its own, so that a scenario can kill, stop and
/// restart any of them and the others find it again at the same address.
/// </summary>
internal sealed class ProcessFarm : IAsyncDisposable
{
    public const string ReservationService = "ReservationService";
    public const string AdminApi = "AdminApi";
    public const string WorkerAgent = "WorkerAgent";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, ServiceProcess> _running = [];
    private readonly Dictionary<string, int> _ports = [];
    private readonly List<string> _exitedLogs = [];
    private IsolatedPostgres? _database;

    private ProcessFarm(PrivateRabbitNode broker, int boards)
    {
        Broker = broker;
        Boards = boards;
    }

    public PrivateRabbitNode Broker { get; }

    /// <summary>The PostgreSQL server of the farm's own, when it was started with one (the database-restart scenario); else null.</summary>
    public PrivatePostgresCluster? PrivateDatabase { get; private set; }

    public int Boards { get; }

    public string WorkerName { get; } = $"faults-{Guid.NewGuid():N}"[..20];

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    /// <summary>The token the worker's fault-injection endpoint asks for.</summary>
    public string FaultToken { get; } = $"faults-{Guid.NewGuid():N}";

    public Uri ReservationServiceUri => Address(ReservationService);

    public Uri AdminApiUri => Address(AdminApi);

    public Uri WorkerUri => Address(WorkerAgent);

    public HttpClient Admin { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts the broker node, the database and the three services, and waits until every board is available.</summary>
    /// <remarks>
    /// With <paramref name="privateDatabase"/> the farm gets a PostgreSQL cluster of its own that a scenario may restart;
    /// otherwise a database of its own on the shared server, which is quicker to make.
    /// </remarks>
    public static async Task<ProcessFarm> StartAsync(int boards, CancellationToken ct, bool privateDatabase = false)
    {
        var broker = await PrivateRabbitNode.CreateAsync(ct);
        var farm = new ProcessFarm(broker, boards);
        try
        {
            if (privateDatabase)
            {
                farm.PrivateDatabase = await PrivatePostgresCluster.CreateAsync(ct);
            }
            else
            {
                farm._database = await IsolatedPostgres.CreateAsync(await TestServers.GetAsync(), ct);
            }

            foreach (var service in new[] { ReservationService, AdminApi, WorkerAgent })
            {
                farm._ports[service] = FreePorts.Next();
            }

            farm.Admin.BaseAddress = farm.AdminApiUri;
            farm.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", farm.AdminToken);
            await farm.StartServiceAsync(ReservationService, ct);
            await farm.StartServiceAsync(AdminApi, ct);
            await farm.StartServiceAsync(WorkerAgent, ct);
            await farm.WaitForAvailableBoardsAsync(StartTimeout, ct);
            return farm;
        }
        catch
        {
            await farm.DisposeAsync();
            throw;
        }
    }

    public ServiceProcess this[string service] => _running[service];

    /// <summary>Starts <paramref name="service"/> (again) on its port and waits until it answers.</summary>
    public async Task StartServiceAsync(string service, CancellationToken ct)
    {
        if (_running.TryGetValue(service, out var old))
        {
            _exitedLogs.Add($"--- {service} (pid {old.Id}, before its restart) ---\n{old.Output}");
            await old.DisposeAsync();
        }

        var process = ServiceProcess.Start(service, Environment(service));
        _running[service] = process;
        using var http = new HttpClient { BaseAddress = Address(service), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitForAsync<string>(async probe =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{service} exited while starting:\n{process.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), probe);
                return response.IsSuccessStatusCode ? "up" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
            catch (TaskCanceledException) when (!probe.IsCancellationRequested)
            {
                return null;
            }
        }, StartTimeout, $"{service} to answer /healthz");
    }

    /// <summary>Issues a client token through the admin API, as an operator would.</summary>
    public async Task<ClientCreated> CreateClientAsync(CancellationToken ct)
    {
        using var response = await Admin.PostAsJsonAsync("api/admin/clients", new CreateClientRequest($"faults-{Guid.NewGuid():N}"), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClientCreated>(ct))!;
    }

    /// <summary>Waits until every board of the worker is available and unreserved, and no client holds a reservation.</summary>
    public Task WaitForAvailableBoardsAsync(TimeSpan timeout, CancellationToken ct) =>
        Eventually.WaitForAsync<string>(async probe =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(probe, ct);
            try
            {
                var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", linked.Token);
                if (devices!.Count(d => d.Worker == WorkerName && d.State == "Available" && d.ReservationId is null) < Boards)
                {
                    return null;
                }

                var clients = await Admin.GetFromJsonAsync<ClientInfo[]>("api/admin/clients", linked.Token);
                return clients!.Sum(c => c.ActiveReservations) == 0 ? "free" : null;
            }
            catch (HttpRequestException)
            {
                // The admin API may be the process a scenario killed; it answers again once restarted.
                return null;
            }
        }, timeout, $"{Boards} available boards of {WorkerName} and no active reservation");

    /// <summary>Every process's log, the restarted ones' included, for a failing scenario's message.</summary>
    public string Logs() =>
        string.Join("\n", _exitedLogs.Concat(_running.Select(p => $"--- {p.Key} (pid {p.Value.Id}) ---\n{p.Value.Output}")));

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        foreach (var process in _running.Values)
        {
            await process.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (PrivateDatabase is not null)
        {
            await PrivateDatabase.DisposeAsync();
        }

        await Broker.DisposeAsync();
    }

    private Uri Address(string service) => new($"http://127.0.0.1:{_ports[service]}/");

    private Dictionary<string, string> Environment(string service)
    {
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{_ports[service]}",
            ["ConnectionStrings__Postgres"] = PrivateDatabase?.ConnectionString ?? _database!.ConnectionString,
            ["ConnectionStrings__RabbitMq"] = Broker.AmqpUri.ToString(),
            ["WorkerIdentity__Required"] = "false",
            ["Admin__Token"] = AdminToken,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__IceFarm"] = "Information",
        };
        if (service == WorkerAgent)
        {
            environment["Worker__Name"] = WorkerName;
            environment["Worker__SimulatedBoards"] = Boards.ToString(CultureInfo.InvariantCulture);
            environment["Worker__SimulationProfile"] = "fast";
            environment["Worker__HeartbeatInterval"] = "00:00:01";
            environment["Worker__FaultInjectionToken"] = FaultToken;
        }

        return environment;
    }
}
