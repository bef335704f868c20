using IceFarm.Client.Evaluation;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>A dropped event stream is resumed with Last-Event-ID: nothing lost, nothing twice.</summary>
[Collection(FarmCollection.Name)]
public sealed class StreamResumeTests(ClientFarm farm)
{
    [Fact(Timeout = 180_000)]
    public async Task Dropping_the_stream_mid_run_loses_no_result_and_repeats_none()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var handler = new DroppingHandler();
        var (_, client) = await farm.CreateClientAsync("dropped-stream", handler).Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(40);
        await using var lease = await client.ReserveAsync("pulsecount", 2, TimeSpan.FromSeconds(30)).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        // Cut the connection after every seventh result, while the farm keeps producing results.
        var seen = 0;
        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards, new EvaluationOptions { WindowPerBoard = 2 })
            .CollectAsync(onEach: _ =>
            {
                if (++seen % 7 == 0)
                {
                    handler.DropAll();
                }
            });

        Assert.True(lease.StreamResumes >= 5, $"only {lease.StreamResumes} resumes");
        Assert.True(handler.Opened >= 6, $"only {handler.Opened} connections");
        Assert.Equal(bitstreams.Count * 2, results.Count);
        Assert.Equal(results.Count, results.Select(r => r.EvaluationId).Distinct().Count());
        Assert.All(results, r => Assert.True(r.Succeeded && Circuits.Plausible(r), $"{r.Label} on {r.Serial}: {r.Pulses} {r.FailureReason}"));
        foreach (var board in results.GroupBy(r => r.Serial))
        {
            Assert.Equal(bitstreams.Select(b => b.Label).Order(), board.Select(r => r.Label).Order());
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task WatchAsync_resumes_after_a_drop_with_increasing_ids_and_no_gap()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var handler = new DroppingHandler();
        var (_, client) = await farm.CreateClientAsync("watch-drop", handler).Within();
        using var _ = client;
        using var deadline = new CancellationTokenSource(Timeouts.Long);
        var ids = new List<long>();
        var types = new List<string>();
        var watching = Task.Run(async () =>
        {
            // From 0: a new client has no earlier events, and the watcher cannot miss the lease's first ones.
            await foreach (var e in client.WatchAsync(0, deadline.Token))
            {
                ids.Add(e.Id);
                types.Add(e.Type);
                if (ids.Count == 1)
                {
                    handler.DropAll();
                }

                if (e.Type == "reservation-ended")
                {
                    return;
                }
            }
        });

        // Produce events: ready, results, ended. The watcher is dropped after the first one.
        await using (var lease = await client.ReserveAsync("pulsecount", 1, TimeSpan.FromSeconds(30)).Within())
        {
            await lease.WaitUntilReadyAsync().Within(Timeouts.Long);
            await lease.EvaluateAsync(Circuits.Pulses(5)).CollectAsync();
        }

        await watching.Within(Timeouts.Long);
        Assert.True(handler.Opened >= 2);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(Enumerable.Range((int)ids[0], ids.Count).Select(i => (long)i), ids);
        Assert.Equal(5, types.Count(t => t == "result"));
        Assert.Equal(1, types.Count(t => t == "device-ready"));
    }
}
