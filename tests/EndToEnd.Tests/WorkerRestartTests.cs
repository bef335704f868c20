using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;
using IceFarm.FarmData.Clients;
using IceFarm.ReservationService;
using IceFarm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.EndToEnd.Tests;

/// <summary>
/// A worker process that stops under a running client and comes back under the same name (a crash, a rescheduled pod,
/// a rolling update): the run goes on and the farm serves again, through the real processes.
/// </summary>
[Trait("Category", "Restarts")]
public sealed class When_a_worker_process_restarts : IAsyncLifetime
{
    private const int Boards = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private IsolatedBackends? _backends;
    private WebApplication? _service;
    private Uri _serviceUri = null!;

    public async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        _service = ReservationServiceApp.Build([], WebApps.Configure(_backends.Settings($"admin-{Guid.NewGuid():N}")));
        _serviceUri = await WebApps.StartAsync(_service, Deadline);
    }

    [Fact(Timeout = 240_000)]
    public async Task Killed_mid_run_and_restarted_it_keeps_the_reservation_and_every_evaluation_ends_with_a_result()
    {
        const int count = 240;
        var environment = WorkerEnvironment("crashing-worker", drainOnShutdown: false);
        var worker = ServiceProcess.Start("WorkerAgent", environment);
        try
        {
            using var client = await ClientAsync("crash-survivor");
            await using var lease = await client.ReserveAsync("pulsecount", Boards, wait: TimeSpan.FromSeconds(60)).WaitAsync(Deadline);
            await lease.WaitUntilReadyAsync().WaitAsync(Deadline);

            var results = new List<EvaluationResult>();
            var killedAfter = -1;
            using var cts = new CancellationTokenSource(Deadline);
            await foreach (var result in lease.EvaluateAsync(Bitstreams(count), EvaluationMode.AnyBoard, ct: cts.Token).WithCancellation(cts.Token))
            {
                results.Add(result);
                if (results.Count == 40)
                {
                    // Mid-run: every board holds a window of evaluations, some of them on the board right now.
                    await worker.KillAsync(cts.Token);
                    killedAfter = results.Count;
                    await worker.DisposeAsync();
                    worker = ServiceProcess.Start("WorkerAgent", environment);
                }
            }

            Assert.True(killedAfter > 0, "the run ended before the worker was killed");
            var failed = results.Where(r => r.Failure is not null).Select(r => $"{r.Label}: {r.Failure}").ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} failed: {string.Join("; ", failed.Take(5))}\n{worker.Output}");
            Assert.Equal(count, results.Count);
            Assert.Equal(count, results.Select(r => r.Label).Distinct().Count());
            Assert.Equal(Boards, (await client.GetReservationAsync(lease.Id).WaitAsync(Deadline)).Devices.Count);
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task Drained_by_sigterm_and_started_again_its_boards_can_be_reserved_at_once()
    {
        var environment = WorkerEnvironment("rolling-worker", drainOnShutdown: true);
        using var client = await ClientAsync("rolling-update");
        await using (var first = ServiceProcess.Start("WorkerAgent", environment))
        {
            await Eventually.WaitForAsync(async ct => await client.AvailableAsync("pulsecount", ct) == Boards ? "yes" : null, Deadline, "boards of the first process");
            await first.TerminateAsync();
            Assert.Equal(0, await first.WaitForExitAsync(Deadline));
        }

        await using var second = ServiceProcess.Start("WorkerAgent", environment);
        await Eventually.WaitForAsync(async ct => await client.AvailableAsync("pulsecount", ct) == Boards ? "yes" : null, Deadline,
            "boards of the restarted worker offered again");
        await using var lease = await client.ReserveAsync("pulsecount", Boards, wait: TimeSpan.FromSeconds(30)).WaitAsync(Deadline);
        await lease.WaitUntilReadyAsync().WaitAsync(Deadline);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await WebApps.StopAsync(_service, TimeSpan.FromSeconds(30));
        }

        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
    }

    private Dictionary<string, string> WorkerEnvironment(string name, bool drainOnShutdown) => new()
    {
        ["ConnectionStrings__RabbitMq"] = _backends!.Vhost.AmqpUri.ToString(),
        ["Worker__Name"] = name,
        ["Worker__SimulatedBoards"] = Boards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Worker__SimulationProfile"] = "fast",
        ["Worker__HeartbeatInterval"] = "00:00:01",
        ["Worker__DrainOnShutdown"] = drainOnShutdown ? "true" : "false",
        ["Worker__DrainDeadline"] = "00:00:05",
        ["Urls"] = "http://127.0.0.1:0",
    };

    private async Task<FarmClient> ClientAsync(string name)
    {
        var (_, token) = await _service!.Services.GetRequiredService<ClientDirectory>()
            .CreateAsync(name, "test", null, CancellationToken.None);
        return new FarmClient(new FarmClientOptions { BaseAddress = _serviceUri, Token = token });
    }

    private static List<Bitstream> Bitstreams(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Bitstream($"r{i:D4}.bin", BitstreamGenerator.Generate(new CircuitDesign(1_000 + i, Seed: i))))];
}
