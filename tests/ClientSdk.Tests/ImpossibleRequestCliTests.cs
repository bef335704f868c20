using Xunit;

namespace IceFarm.Client.Tests;

/// <summary><c>icefarm reserve</c> for more boards than the farm has: refused at once, not after the wait.</summary>
public sealed class ImpossibleRequestCliTests(SmallFarm farm) : IClassFixture<SmallFarm>
{
    [Fact(Timeout = 180_000)]
    public async Task A_request_for_more_boards_than_the_farm_has_exits_3_at_once_naming_impossible_request()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("impossible").Within();
        using var _ = client;

        // The wait is longer than the call's own deadline (Timeouts.Long): an answer at all means it was not waited for.
        var refused = await CliRun.RunAsync(["reserve", "3", "--wait", "10m", "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token]);

        Assert.Equal(3, refused.Exit);
        Assert.Contains("impossible-request", refused.Err, StringComparison.Ordinal);
        Assert.Empty(await client.ListReservationsAsync().Within());
    }
}
