using System.Net.Http.Json;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>The SDK against a running farm: reserve, evaluate in both modes, extend, end.</summary>
[Collection(FarmCollection.Name)]
public sealed class LeaseTests(ClientFarm farm)
{
    // Boards another test released go through a self-test before they are free again: queue for them.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 180_000)]
    public async Task EvaluateAsync_AllBoards_runs_every_bitstream_on_every_board_and_disposal_ends_the_reservation()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("all-boards").Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(12);
        Guid id;
        List<EvaluationResult> results;
        await using (var lease = await client.ReserveAsync("pulsecount", 2, Wait).Within())
        {
            id = lease.Id;
            await lease.WaitUntilReadyAsync().Within(Timeouts.Long);
            Assert.All(lease.Devices, d => Assert.Equal(DeviceState.Ready, d.State));
            results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards, new EvaluationOptions { WindowPerBoard = 3 }).CollectAsync();

            var ready = await ReadEventsAsync(lease, 2);
            Assert.All(ready, e => Assert.IsType<LeaseDeviceReady>(e));
        }

        Assert.Equal(bitstreams.Count * 2, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.All(results, r => Assert.True(Circuits.Plausible(r), $"{r.Label}: {r.Pulses}"));
        Assert.Equal(results.Count, results.Select(r => r.EvaluationId).Distinct().Count());
        Assert.Equal(2, results.Select(r => r.Serial).Distinct().Count());
        foreach (var board in results.GroupBy(r => r.Serial))
        {
            Assert.Equal(bitstreams.Select(b => b.Label).Order(), board.Select(r => r.Label).Order());
        }

        Assert.Empty(await client.ListReservationsAsync().Within());
        var devices = await farm.DevicesAsync();
        Assert.DoesNotContain(devices, d => d.ReservationId == id);
    }

    [Fact(Timeout = 180_000)]
    public async Task EvaluateAsync_AnyBoard_gives_one_result_per_bitstream_spread_over_the_boards()
    {
        await farm.WaitForAvailableBoardsAsync(3).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("any-board").Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(30);
        await using var lease = await client.ReserveAsync("pulsecount", 3, Wait).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard).CollectAsync();

        Assert.Equal(bitstreams.Select(b => b.Label).Order(), results.Select(r => r.Label).Order());
        Assert.All(results, r => Assert.True(r.Succeeded && Circuits.Plausible(r), $"{r.Label}: {r.Pulses} {r.FailureReason}"));
        Assert.True(results.Select(r => r.Serial).Distinct().Count() > 1, "throughput mode used a single board");
    }

    [Fact(Timeout = 180_000)]
    public async Task Variance_results_are_typed_with_fitness_and_samples()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("variance").Within();
        using var _ = client;
        await using var lease = await client.ReserveAsync("variance", 1, Wait).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);
        Bitstream[] bitstreams =
        [
            new("quiet.bin", BitstreamGenerator.Generate(new CircuitDesign(5_000, WaveShape.Noise, 100))),
            new("loud.bin", BitstreamGenerator.Generate(new CircuitDesign(5_000, WaveShape.Noise, 3_000))),
        ];

        var results = await lease.EvaluateAsync(bitstreams).CollectAsync();

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.All(results, r => Assert.Null(r.Pulses));
        Assert.True(results.Single(r => r.Label == "loud.bin").Variance!.Fitness > results.Single(r => r.Label == "quiet.bin").Variance!.Fitness);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_short_lease_is_extended_in_the_background_while_the_process_lives()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("auto-extend").Within();
        using var _ = client;
        await using var lease = await client.ReserveAsync(new("pulsecount", Amount: 1, Duration: "PT4S", Wait: "PT30S")).Within();
        var granted = lease.ExpiresAt;

        // Two extensions in a row: the second one reaches past the original expiry, so the lease outlived its grant.
        await Eventually.WaitForAsync(_ => Task.FromResult<object?>(lease.ExpiresAt > granted.AddSeconds(3) ? lease : null), Timeouts.Short, "two extensions");
        var mine = await client.ListReservationsAsync().Within();
        Assert.Contains(mine, r => r.Id == lease.Id);
        Assert.Null(lease.EndedReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_malformed_bitstream_is_refused_before_anything_is_sent()
    {
        var (_, client) = await farm.CreateClientAsync("malformed").Within();
        using var _ = client;
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        await using var lease = await client.ReserveAsync("pulsecount", 1, Wait).Within();
        var bytes = BitstreamGenerator.Generate(new CircuitDesign(2_000));
        bytes[^3] ^= 0xFF;

        var error = Assert.Throws<ArgumentException>(() => lease.EvaluateAsync([new Bitstream("broken.bin", bytes)]));
        Assert.Contains("broken.bin", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<LeaseEvent>> ReadEventsAsync(Lease lease, int count)
    {
        var list = new List<LeaseEvent>();
        using var deadline = new CancellationTokenSource(Timeouts.Short);
        while (list.Count < count)
        {
            list.Add(await lease.Events.ReadAsync(deadline.Token));
        }

        return list;
    }
}
