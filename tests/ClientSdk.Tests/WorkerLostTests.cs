using IceFarm.Client.Evaluation;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// Boards failing mid-run on the real farm: the worker holding them stops. Every evaluation still ends, in a result
/// or an explicit failure, and the run finishes instead of hanging.
/// </summary>
public sealed class WorkerLostTests(FailingFarm farm) : IClassFixture<FailingFarm>
{
    [Fact(Timeout = 180_000)]
    public async Task Boards_lost_mid_run_produce_explicit_failures_for_everything_outstanding()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("worker-lost").Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(300);
        await using var lease = await client.ReserveAsync("pulsecount", 2, TimeSpan.FromSeconds(30)).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        Task? stopping = null;
        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards).CollectAsync(Timeouts.Long, r =>
        {
            // Once some results are in, the worker goes away with everything else still queued.
            stopping ??= farm.StopWorkerAsync();
        });
        await stopping!.Within();

        Assert.Equal(bitstreams.Count * 2, results.Count);
        var failures = results.Where(r => !r.Succeeded).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, r => Assert.False(string.IsNullOrWhiteSpace(r.Failure!.Reason)));
        Assert.All(failures, r => Assert.NotEqual(FailureCategory.User, r.Failure!.Category));
        Assert.All(results.Where(r => r.Succeeded), r => Assert.True(Circuits.Plausible(r), $"{r.Label}: {r.Pulses}"));
        foreach (var board in results.GroupBy(r => r.Serial))
        {
            Assert.Equal(bitstreams.Select(b => b.Label).Order(), board.Select(r => r.Label).Order());
        }
    }
}
