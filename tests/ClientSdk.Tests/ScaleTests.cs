using IceFarm.Client.Evaluation;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>Many bitstreams over every board: every one accounted for, exactly once, with its own value.</summary>
[Collection(FarmCollection.Name)]
public sealed class ScaleTests(ClientFarm farm)
{
    [Fact(Timeout = 300_000)]
    public async Task A_thousand_bitstreams_over_eight_boards_each_get_exactly_one_value()
    {
        await farm.WaitForAvailableBoardsAsync(ClientFarm.Boards).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("thousand").Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(1_000, firstHz: 500, stepHz: 3);
        await using var lease = await client.ReserveAsync("pulsecount", ClientFarm.Boards, TimeSpan.FromSeconds(60)).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard).CollectAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(1_000, results.Count);
        Assert.Equal(bitstreams.Select(b => b.Label).Order(), results.Select(r => r.Label).Order());
        Assert.Equal(1_000, results.Select(r => r.EvaluationId).Distinct().Count());
        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Label} on {r.Serial}: {r.FailureReason}"));

        // Each value is its own bitstream's: the design's frequency less the firmware's small start-up deficit
        // (hardware.md §8.4), never 0 or the count of a neighbour after a watchdog and a retry.
        Assert.All(results, r => Assert.True(Circuits.Plausible(r), $"{r.Label} on {r.Serial}: {r.Pulses} pulses"));
        Assert.Equal(ClientFarm.Boards, results.Select(r => r.Serial).Distinct().Count());
    }
}
