using IceFarm.Client.Evaluation;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>Reserving named boards and releasing one of them mid-run, on the real farm.</summary>
[Collection(FarmCollection.Name)]
public sealed class LeaseControlTests(ClientFarm farm)
{
    [Fact(Timeout = 180_000)]
    public async Task Boards_reserved_by_serial_and_one_released_mid_run_fail_only_that_boards_rest()
    {
        var devices = await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var serials = devices.Where(d => d.State == "Available" && d.ReservationId is null).Take(2).Select(d => d.Serial).ToList();
        var (_, client) = await farm.CreateClientAsync("serials").Within();
        using var _ = client;
        await using var lease = await client.ReserveAsync("pulsecount", serials, TimeSpan.FromSeconds(30)).Within();
        Assert.Equal(serials.Order(), lease.Devices.Select(d => d.Serial).Order());
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);
        var (kept, released) = (serials[0], serials[1]);
        var bitstreams = Circuits.Pulses(60);

        Task? releasing = null;
        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards, new EvaluationOptions { WindowPerBoard = 2 })
            .CollectAsync(Timeouts.Long, _ => releasing ??= lease.ReleaseAsync(released));
        await releasing!.Within();

        Assert.Equal(bitstreams.Count * 2, results.Count);
        Assert.All(results.Where(r => r.Serial == kept), r => Assert.True(r.Succeeded, r.FailureReason));
        var failures = results.Where(r => r.Serial == released && !r.Succeeded).ToList();
        Assert.NotEmpty(failures);
        // Failed by the client ("board … was released") or, for what the farm still held, by the farm.
        Assert.All(failures, r => Assert.Contains("released", r.Failure!.Reason, StringComparison.Ordinal));
        Assert.Equal(DeviceState.Released, lease.Devices.Single(d => d.Serial == released).State);
        Assert.Null(lease.EndedReason);
        var now = await farm.DevicesAsync().Within();
        Assert.Equal(lease.Id, now.Single(d => d.Serial == kept).ReservationId);
        Assert.NotEqual(lease.Id, now.Single(d => d.Serial == released).ReservationId);
    }
}
