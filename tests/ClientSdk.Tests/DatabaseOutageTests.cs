using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>A PostgreSQL crash and restart in the middle of a run costs a pause, not a result (issue 13, "Database outages").</summary>
[Trait("Category", "Restarts")]
public sealed class DatabaseOutageTests(PrivateDatabaseFarm farm) : IClassFixture<PrivateDatabaseFarm>
{
    private const int Count = 300;

    // Long enough that uploads, results and heartbeats all meet the outage; the bound is 15 s.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    [Fact(Timeout = 420_000)]
    public async Task A_run_through_a_database_crash_and_restart_ends_every_evaluation_once_with_a_result()
    {
        using var client = await farm.CreateClientAsync("outage-runner", maxRetryTime: TimeSpan.FromSeconds(60)).Within();
        var bitstreams = Circuits.Pulses(Count, firstHz: 700, stepHz: 3);
        await using var lease = await client.ReserveAsync("pulsecount", PrivateDatabaseFarm.Boards, TimeSpan.FromSeconds(60)).Within(Timeouts.Long);
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        Task? fault = null;
        var seen = 0;
        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard).CollectAsync(TimeSpan.FromMinutes(5), _ =>
        {
            // A fifth of the way in, with uploads in flight and results streaming: crash the server, keep it down, start it.
            if (++seen == Count / 5)
            {
                fault = CrashAndRestartAsync();
            }
        });
        Assert.NotNull(fault);
        await fault.Within(Timeouts.Long);

        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Label} on {r.Serial}: {r.FailureReason}"));
        Assert.Equal(Count, results.Count);
        Assert.Equal(bitstreams.Select(b => b.Label).Order(), results.Select(r => r.Label).Order());
        Assert.Equal(Count, results.Select(r => r.EvaluationId).Distinct().Count());

        // Nothing was queued twice: as many results stored for the client as bitstreams, and no evaluation left open.
        var store = farm.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        Assert.Equal(Count, await session.Events.QueryRawEventDataOnly<ClientFeedEvent>().CountAsync(e => e.Type == StreamEventTypes.Result));
        Assert.Equal(0, await session.Query<EvaluationTicket>().CountAsync(t => t.ReservationId == lease.Id));
    }

    private async Task CrashAndRestartAsync()
    {
        await farm.Cluster.StopAsync(immediate: true);
        await Task.Delay(Outage); // the outage's length, not a synchronisation
        await farm.Cluster.StartAsync();
    }
}
