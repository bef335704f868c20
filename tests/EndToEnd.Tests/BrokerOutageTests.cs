using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;
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
        var (_, token) = await _services.GetRequiredService<IceFarm.ReservationService.Clients.ClientDirectory>()
            .CreateAsync($"outage-client-{Guid.NewGuid():N}", "test", CancellationToken.None);
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = _serviceUri, Token = token });
        await using var lease = await client.ReserveAsync("pulsecount", Boards, wait: TimeSpan.FromSeconds(60)).WaitAsync(Deadline);
        await lease.WaitUntilReadyAsync().WaitAsync(Deadline);

        using var cts = new CancellationTokenSource(Deadline);
        var results = new List<EvaluationResult>();
        var ended = 0;
        var endedWhenDown = -1;
        Task? fault = null;
        await foreach (var result in lease.EvaluateAsync(Bitstreams(), EvaluationMode.AnyBoard, ct: cts.Token).WithCancellation(cts.Token))
        {
            results.Add(result);
            Interlocked.Increment(ref ended);
            if (results.Count == 20)
            {
                fault = Task.Run(async () =>
                {
                    await outage.Down(cts.Token);
                    Volatile.Write(ref endedWhenDown, Volatile.Read(ref ended));
                    await Task.Delay(Outage, cts.Token); // the outage itself, not a wait for anything
                    await outage.Up(cts.Token);
                });
            }
        }

        Assert.NotNull(fault);
        await fault!;
        // The broker was really down while the run still had work in flight and to come.
        Assert.InRange(endedWhenDown, 0, Count - 200);
        var failed = results.Where(r => r.Failure is not null).Select(r => $"{r.Label}: {r.Failure}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} failed: {string.Join("; ", failed.Take(5))}");
        Assert.Equal(Count, results.Count);
        Assert.Equal(Count, results.Select(r => r.Label).Distinct().Count());
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

    private static List<Bitstream> Bitstreams() =>
        [.. Enumerable.Range(0, Count).Select(i => new Bitstream($"o{i:D4}.bin", BitstreamGenerator.Generate(new CircuitDesign(1_000 + i, Seed: i))))];
}
