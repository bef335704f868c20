using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;
using IceFarm.FarmData.Clients;
using IceFarm.ReservationService;
using IceFarm.Testing;
using IceFarm.WorkerAgent;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.EndToEnd.Tests;

/// <summary>
/// The broker goes away under a running client (an upgrade, a crash) for longer than the workers' liveness allows, and
/// comes back: no evaluation fails, every one ends once. A RabbitMQ node of the test's own, so no other test is hit.
/// </summary>
[Trait("Category", "Restarts")]
public sealed class When_the_broker_restarts_during_a_run : IAsyncLifetime
{
    private const int Boards = 4;
    private const int Count = 1200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);
    // Longer than Liveness:OfflineAfter below: a service that counted silence while it could not hear would condemn the worker.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);
    private readonly HostedApps _apps = new();
    private PrivateRabbitNode? _broker;
    private IsolatedPostgres? _database;
    private Uri _serviceUri = null!;
    private IServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _broker = await PrivateRabbitNode.CreateAsync();
        _database = await IsolatedPostgres.CreateAsync(await TestServers.GetAsync());
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = _broker.AmqpUri.ToString(),
            ["WorkerIdentity:Required"] = "false",
            ["Admin:Token"] = $"admin-{Guid.NewGuid():N}",
            ["Urls"] = "http://127.0.0.1:0",
            ["Liveness:OfflineAfter"] = "00:00:03",
            ["Liveness:ReconnectGrace"] = "00:00:05",
            ["Worker:Name"] = "outage-worker",
            ["Worker:SimulatedBoards"] = Boards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
            ["Worker:DrainOnShutdown"] = "false",
        };
        try
        {
            var service = ReservationServiceApp.Build([], WebApps.Configure(settings));
            _serviceUri = await _apps.StartAsync(service, Deadline);
            _services = service.Services;
            await _apps.StartAsync(WorkerAgentApp.Build([], WebApps.Configure(settings)), Deadline);
        }
        catch
        {
            // xunit does not call DisposeAsync when InitializeAsync throws: the private broker node must not outlive the test.
            await DisposeAsync();
            throw;
        }
    }

    [Fact(Timeout = 300_000)]
    public Task Stopped_and_started_no_evaluation_fails() =>
        RunThroughAsync((ct => _broker!.StopAppAsync(ct), ct => _broker!.StartAppAsync(ct)));

    [Fact(Timeout = 300_000)]
    public Task Killed_and_restarted_no_evaluation_fails() =>
        RunThroughAsync((ct => _broker!.KillAsync(ct), ct => _broker!.StartAsync(ct)));

    private async Task RunThroughAsync((Func<CancellationToken, Task> Down, Func<CancellationToken, Task> Up) outage)
    {
        var (_, token) = await _services.GetRequiredService<ClientDirectory>()
            .CreateAsync($"outage-client-{Guid.NewGuid():N}", "test", null, CancellationToken.None);
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = _serviceUri, Token = token });
        await using var lease = await client.ReserveAsync("pulsecount", Boards, wait: TimeSpan.FromSeconds(60)).WaitAsync(Deadline);
        await lease.WaitUntilReadyAsync().WaitAsync(Deadline);

        // Two runs on the lease: the first is under way when the broker goes down (its evaluations and results are in
        // flight); the second starts only once the broker is down, so its uploads meet the outage whatever the machine's
        // speed (a loaded machine once finished a single run before rabbitmqctl had stopped the broker).
        using var cts = new CancellationTokenSource(Deadline);
        var brokerDown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = CollectAsync(lease, Bitstreams("a", Count / 2), atTwenty: () => brokerDown.TrySetResult(), cts.Token);
        if (await Task.WhenAny(brokerDown.Task, first).WaitAsync(cts.Token) == first)
        {
            await first; // a run that ended before its twentieth result: its own failure says why
            Assert.Fail("The first run ended before its twentieth result.");
        }

        await outage.Down(cts.Token);
        var second = CollectAsync(lease, Bitstreams("b", Count / 2), atTwenty: null, cts.Token);
        await Task.Delay(Outage, cts.Token); // the outage itself, not a wait for anything
        await outage.Up(cts.Token);

        var results = (await first).Concat(await second).ToList();
        var failed = results.Where(r => r.Failure is not null).Select(r => $"{r.Label}: {r.Failure}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} failed: {string.Join("; ", failed.Take(5))}");
        Assert.Equal(Count, results.Count);
        Assert.Equal(Count, results.Select(r => r.Label).Distinct().Count());
    }

    private static async Task<List<EvaluationResult>> CollectAsync(Lease lease, List<Bitstream> bitstreams, Action? atTwenty, CancellationToken ct)
    {
        var results = new List<EvaluationResult>();
        await foreach (var result in lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard, ct: ct).WithCancellation(ct))
        {
            results.Add(result);
            if (results.Count == 20)
            {
                atTwenty?.Invoke();
            }
        }

        return results;
    }

    public async Task DisposeAsync()
    {
        await _apps.StopAllAsync(TimeSpan.FromSeconds(30));
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private static List<Bitstream> Bitstreams(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Bitstream($"{prefix}{i:D4}.bin", BitstreamGenerator.Generate(new CircuitDesign(1_000 + i, Seed: i))))];
}
