using IceFarm.Client.Evaluation;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>A run feeds its boards through concurrent uploads, not one serial pipe.</summary>
[Collection(FarmCollection.Name)]
public sealed class UploadConcurrencyTests(ClientFarm farm)
{
    [Fact(Timeout = 240_000)]
    public async Task While_one_boards_upload_is_held_another_boards_upload_arrives_and_every_bitstream_is_accounted_for()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var gate = new UploadOverlapGate(Timeouts.Short);
        var (_, client) = await farm.CreateClientAsync("overlap", gate).Within();
        using var _ = client;
        var bitstreams = Circuits.Pulses(8);
        await using var lease = await client.ReserveAsync("pulsecount", 2, TimeSpan.FromSeconds(60)).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard, new EvaluationOptions { WindowPerBoard = 2 }).CollectAsync();

        var (first, whileHeld) = gate.Seen;
        Assert.NotNull(first);
        Assert.True(whileHeld is not null, $"no other upload arrived while the upload to {first} was held");
        Assert.NotEqual(first, whileHeld);
        Assert.Equal(bitstreams.Select(b => b.Label).Order(), results.Select(r => r.Label).Order());
        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Label} on {r.Serial}: {r.FailureReason}"));
    }
}
