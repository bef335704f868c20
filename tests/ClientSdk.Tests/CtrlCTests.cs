using System.Text.Json;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>Ctrl+C on the real <c>icefarm</c> process cancels cleanly and ends what the command reserved.</summary>
[Collection(FarmCollection.Name)]
public sealed class CtrlCTests(ClientFarm farm)
{
    [Fact(Timeout = 180_000)]
    public async Task Ctrl_C_during_evaluate_exits_130_and_ends_the_reservation_it_made()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("ctrl-c-eval").Within();
        using var _ = client;
        using var files = new BitstreamFiles(Circuits.Pulses(400));
        await using var cli = CliProcess.Start(["evaluate", .. files.Paths, "--wait", "30s", "--json", "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token]);
        await cli.WaitForLineAsync(l => l.Contains("\"succeeded\":true", StringComparison.Ordinal), Timeouts.Long);
        Assert.Single(await client.ListReservationsAsync().Within());

        await cli.InterruptAsync();

        Assert.Equal(130, await cli.WaitForExitAsync(Timeouts.Short));
        Assert.Contains("cancelled", cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(await client.ListReservationsAsync().Within());
    }

    [Fact(Timeout = 180_000)]
    public async Task Ctrl_C_on_reserve_hold_ends_the_held_reservation()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("ctrl-c-hold").Within();
        using var _ = client;
        await using var cli = CliProcess.Start("reserve", "1", "--wait", "30s", "--hold", "--json", "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token);
        var id = JsonDocument.Parse(await cli.WaitForLineAsync(l => l.StartsWith('{'), Timeouts.Long)).RootElement.GetProperty("id").GetGuid();
        Assert.Contains(await client.ListReservationsAsync().Within(), r => r.Id == id);

        await cli.InterruptAsync();

        Assert.Equal(0, await cli.WaitForExitAsync(Timeouts.Short));
        Assert.Empty(await client.ListReservationsAsync().Within());
        await Eventually.WaitForAsync(async ct => (await farm.DevicesAsync(ct)).Any(d => d.ReservationId == id) ? null : new object(), Timeouts.Short, "the board back");
    }
}
