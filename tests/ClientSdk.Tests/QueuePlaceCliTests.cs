using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary><c>icefarm reserve --wait</c> says where it stands in the farm's line while it waits, and gets the board when it frees.</summary>
public sealed class QueuePlaceCliTests(SmallFarm farm) : IClassFixture<SmallFarm>
{
    [Fact(Timeout = 180_000)]
    public async Task A_waiting_reserve_shows_its_place_and_is_granted_when_a_board_frees()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (_, holder) = await farm.CreateClientAsync("holder").Within();
        var (waiter, waiterClient) = await farm.CreateClientAsync("waiter").Within();
        using var _ = holder;
        using var __ = waiterClient;
        var lease = await holder.ReserveAsync("pulsecount", 2).Within();
        await using var cli = CliProcess.Start("reserve", "1", "--wait", "2m", "--url", farm.ReservationServiceUri.ToString(), "--token", waiter.Token);

        var shown = await Eventually.WaitForAsync(
            _ => Task.FromResult(cli.Stderr.Contains("Place 1 of 1 in the line for pulsecount boards", StringComparison.Ordinal) ? cli.Stderr : null),
            Timeouts.Long, "the CLI to show its place in the line");
        Assert.Contains("asking for 1", shown, StringComparison.Ordinal);

        await lease.DisposeAsync();
        Assert.Equal(0, await cli.WaitForExitAsync(Timeouts.Long));
        Assert.Single(await waiterClient.ListReservationsAsync().Within());
    }
}
