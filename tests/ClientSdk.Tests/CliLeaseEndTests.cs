using System.Text.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The real <c>icefarm</c> processes while an admin ends the reservation under a running <c>evaluate</c>: the evaluation
/// ends with the documented exit code instead of hanging, and <c>watch --json</c> shows the end live.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class CliLeaseEndTests(ClientFarm farm)
{
    [Fact(Timeout = 180_000)]
    public async Task Evaluate_exits_3_when_an_admin_ends_its_reservation_and_watch_shows_the_end()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("cli-ended").Within();
        using var _ = client;
        string[] auth = ["--json", "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token];
        // From event 0: what the farm retained is replayed first, so the watcher cannot miss the end by connecting late.
        await using var watch = CliProcess.Start(["watch", "--after", "0", .. auth]);
        using var files = new BitstreamFiles(Circuits.Pulses(400));
        await using var evaluate = CliProcess.Start(["evaluate", .. files.Paths, "--wait", "30s", .. auth]);
        await evaluate.WaitForLineAsync(l => l.Contains("\"succeeded\":true", StringComparison.Ordinal), Timeouts.Long);
        var id = Assert.Single(await client.ListReservationsAsync().Within()).Id;

        using (var ended = await farm.Admin.PostAsync($"api/admin/clients/{Uri.EscapeDataString(credentials.ClientId)}/end", null).Within())
        {
            ended.EnsureSuccessStatusCode();
        }

        Assert.Equal(3, await evaluate.WaitForExitAsync(Timeouts.Short));
        Assert.Contains($"reservation {id} ended (ended-by-admin)", evaluate.Stderr, StringComparison.Ordinal);
        var line = await watch.WaitForLineAsync(l => l.Contains(StreamEventTypes.ReservationEnded, StringComparison.Ordinal), Timeouts.Short);
        var data = JsonDocument.Parse(line).RootElement.GetProperty("data");
        Assert.Equal(id, data.GetProperty("reservationId").GetGuid());
        Assert.Equal("ended-by-admin", data.GetProperty("reason").GetString());

        await watch.InterruptAsync();
        Assert.Equal(0, await watch.WaitForExitAsync(Timeouts.Short));
    }
}
