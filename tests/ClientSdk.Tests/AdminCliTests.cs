using System.Text.Json;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary><c>icefarm admin reboot</c> and <c>admin forget</c> against the running farm, with <c>--json</c>.</summary>
[Collection(FarmCollection.Name)]
public sealed class AdminCliTests(ClientFarm farm)
{
    [Fact(Timeout = 180_000)]
    public async Task Admin_reboot_reflashes_a_reserved_board_which_keeps_its_reservation_and_evaluates_again()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("admin-reboot").Within();
        using var _ = client;
        await using var lease = await client.ReserveAsync("pulsecount", 1, TimeSpan.FromSeconds(30)).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);
        var serial = Assert.Single(lease.Devices).Serial;

        var reboot = await CliRun.RunAsync("admin", "reboot", serial, "--json", "--admin-url", farm.AdminApiUri.ToString(), "--admin-token", farm.AdminToken);

        Assert.True(reboot.Exit == 0, reboot.Err);
        JsonDocument.Parse(reboot.Out).Dispose();
        // Queued behind the reflash on the board, these run once it is back, in the same lease.
        var results = await lease.EvaluateAsync(Circuits.Pulses(3)).CollectAsync(Timeouts.Long);
        Assert.All(results, r => Assert.True(r.Succeeded && Circuits.Plausible(r), $"{r.Label}: {r.Pulses} {r.FailureReason}"));
        Assert.Null(lease.EndedReason);
        Assert.Equal(lease.Id, (await farm.DevicesAsync().Within()).Single(d => d.Serial == serial).ReservationId);
    }

    [Fact(Timeout = 180_000)]
    public async Task Admin_forget_drops_a_free_board_and_its_worker_rediscovers_it()
    {
        var devices = await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var serial = devices.First(d => d.State == "Available" && d.ReservationId is null).Serial;

        var forget = await CliRun.RunAsync("admin", "forget", serial, "--json", "--admin-url", farm.AdminApiUri.ToString(), "--admin-token", farm.AdminToken);

        Assert.True(forget.Exit == 0, forget.Err);
        JsonDocument.Parse(forget.Out).Dispose();
        await Eventually.WaitForAsync(async ct =>
            (await farm.DevicesAsync(ct)).FirstOrDefault(d => d.Serial == serial && d.State == "Available" && d.ReservationId is null),
            Timeouts.Long, $"{serial} rediscovered and available");
    }
}
