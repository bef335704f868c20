using IceFarm.Client;

namespace IceFarm.Faults.Tests;

/// <summary>The matrix: issue 13's faults (parts 7 and 8), one scenario each.</summary>
internal static class FaultScenarios
{
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(3);

    public static readonly FaultScenario None = new("none", "none", null);

    public static readonly FaultScenario BrokerStopApp = new("broker-stop-app", "RabbitMQ `stop_app`, 5 s, `start_app`", async (c, ct) =>
    {
        await c.Farm.Broker.StopAppAsync(ct);
        // The outage's length is the fault being simulated, not a wait for something to happen.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        await c.Farm.Broker.StartAppAsync(ct);
    });

    public static readonly FaultScenario BrokerKill = new("broker-kill", "RabbitMQ killed (-9) and restarted", async (c, ct) =>
    {
        await c.Farm.Broker.KillAsync(ct);
        await c.Farm.Broker.StartAsync(ct);
    });

    public static readonly FaultScenario DatabaseRestart = new("database-restart", "`pg_ctlcluster … restart -m immediate`",
        (c, ct) => c.Farm.PrivateDatabase!.RestartAsync(immediate: true, ct), PrivateDatabase: true);

    public static readonly FaultScenario ReservationServiceKill = new("service-kill", "ReservationService killed (-9), restarted after 3 s",
        (c, ct) => KillAndRestartAsync(c, ProcessFarm.ReservationService, ct));

    public static readonly FaultScenario AdminApiKill = new("admin-kill", "AdminApi killed (-9), restarted after 3 s",
        (c, ct) => KillAndRestartAsync(c, ProcessFarm.AdminApi, ct));

    public static readonly FaultScenario WorkerKill = new("worker-kill", "WorkerAgent killed (-9), restarted after 3 s with the same name",
        (c, ct) => KillAndRestartAsync(c, ProcessFarm.WorkerAgent, ct));

    public static readonly FaultScenario WorkerDrainRestart = new("worker-drain-restart", "WorkerAgent SIGTERM (drain) during the run, restarted after it",
        (c, ct) => c.Farm[ProcessFarm.WorkerAgent].TerminateAsync(ct),
        AfterClientAsync: async (c, ct) =>
        {
            // The drain ends once the client's lease ended; then the worker exits and a new process of the same name starts.
            await c.Farm[ProcessFarm.WorkerAgent].WaitForExitAsync(TimeSpan.FromMinutes(2), ct);
            await c.Farm.StartServiceAsync(ProcessFarm.WorkerAgent, ct);
        },
        AfterRunAsync: async (c, row, ct) =>
        {
            if (row.BoardsBackAfter is not null && !await CanReserveAllAsync(c, ct))
            {
                row.Violations.Add("the restarted worker's boards cannot be reserved");
            }
        });

    public static readonly FaultScenario ClientKill = new("client-kill", "the client killed (-9)",
        (c, ct) => c.Load.KillAsync(ct), ClientDies: true);

    public static readonly FaultScenario BoardHang = new("board-hang", "one board's firmware hangs mid-run (fault injection)",
        (c, ct) => BoardFaults.InjectAsync(c.Farm, "FirmwareHangs", ct),
        AllowedFailures: new HashSet<string>(["device"], StringComparer.Ordinal),
        AfterRunAsync: async (c, row, ct) =>
        {
            if (await BoardFaults.FiredAsync(c.Farm, "FirmwareHangs", ct) == 0)
            {
                row.Violations.Add("the injected firmware hang never fired: the run did not exercise it");
            }
        });

    public static IReadOnlyList<FaultScenario> All { get; } =
        [None, BrokerStopApp, BrokerKill, DatabaseRestart, ReservationServiceKill, WorkerKill, WorkerDrainRestart, ClientKill, AdminApiKill, BoardHang];

    public static FaultScenario Named(string name) => All.Single(s => s.Name == name);

    private static async Task KillAndRestartAsync(ScenarioContext c, string service, CancellationToken ct)
    {
        await c.Farm[service].KillAsync(ct);
        // "Restarted after 3 s" is the fault's shape (a pod rescheduled), not a synchronisation.
        await Task.Delay(RestartAfter, ct);
        await c.Farm.StartServiceAsync(service, ct);
    }

    private static async Task<bool> CanReserveAllAsync(ScenarioContext c, CancellationToken ct)
    {
        var client = await c.Farm.CreateClientAsync(ct);
        using var farm = new FarmClient(new FarmClientOptions { BaseAddress = c.Farm.ReservationServiceUri, Token = client.Token });
        try
        {
            await using var lease = await farm.ReserveAsync("pulsecount", c.Options.Boards, wait: TimeSpan.FromSeconds(30), ct: ct);
            return lease.Devices.Count == c.Options.Boards;
        }
        catch (FarmApiException)
        {
            return false;
        }
    }
}
