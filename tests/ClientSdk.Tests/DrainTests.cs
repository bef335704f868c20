using System.Text.Json;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// A drain deadline force-ends the lease while a run still has bitstreams queued in the client and an upload on its
/// way: the run must still end, with an explicit failure for everything that was not evaluated.
/// </summary>
public sealed class DrainTests(DrainingFarm farm) : IClassFixture<DrainingFarm>
{
    [Fact(Timeout = 240_000)]
    public async Task A_lease_force_ended_by_a_drain_mid_run_fails_every_outstanding_bitstream_and_the_run_ends()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        using var gate = new SubmissionGate();
        var (_, client) = await farm.CreateClientAsync("drained", gate).Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(200);
        await using var lease = await client.ReserveAsync("pulsecount", 2, TimeSpan.FromSeconds(30)).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        Task? draining = null;
        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards, new EvaluationOptions { WindowPerBoard = 2 })
            .CollectAsync(Timeouts.Long, _ =>
            {
                if (draining is null)
                {
                    gate.Arm();
                    draining = DrainWhileAnUploadIsHeldAsync(gate, lease);
                }
            });
        await draining!.Within(Timeouts.Long);

        Assert.Equal("drained", lease.EndedReason);
        Assert.Equal(bitstreams.Count * 2, results.Count);
        foreach (var board in results.GroupBy(r => r.Serial))
        {
            Assert.Equal(bitstreams.Select(b => b.Label).Order(), board.Select(r => r.Label).Order());
        }

        var failures = results.Where(r => !r.Succeeded).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, r => Assert.Equal(FailureCategory.Infrastructure, r.Failure!.Category));
        Assert.All(failures, r => Assert.Contains("drained", r.Failure!.Reason, StringComparison.Ordinal));

        // Those who read lease.Events heard the drain coming, and the end.
        var events = new List<LeaseEvent>();
        while (lease.Events.TryRead(out var leaseEvent))
        {
            events.Add(leaseEvent);
        }

        Assert.Contains(events, e => e is LeaseWorkerDraining { Worker: ClientFarm.WorkerName });
        Assert.Contains(events, e => e is LeaseEnded { Reason: "drained" });
    }

    private async Task DrainWhileAnUploadIsHeldAsync(SubmissionGate gate, Lease lease)
    {
        // An upload is on its way and the rest of the run is still queued in the client when the drain's deadline hits.
        // The operator drains with the CLI.
        await gate.Held.Within(Timeouts.Long);
        var drain = await CliRun.RunAsync("admin", "drain", ClientFarm.WorkerName, "--deadline", "1s", "--json",
            "--admin-url", farm.AdminApiUri.ToString(), "--admin-token", farm.AdminToken);
        Assert.True(drain.Exit == 0, drain.Err);
        JsonDocument.Parse(drain.Out).Dispose();
        await Eventually.WaitForAsync(_ => Task.FromResult(lease.EndedReason is null ? null : new object()), Timeouts.Long, "the drain to end the lease");
        gate.Open();
    }
}
