using System.Net.Http.Json;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Admin;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// Health checks through the real worker and service: a board that ran its evaluations is checked when its reservation
/// releases it, and the check is in the board's history; an operator's maintenance keeps a board out of the next grant.
/// </summary>
public sealed class HealthCheckTests(HealthCheckFarm farm) : IClassFixture<HealthCheckFarm>
{
    [Fact(Timeout = 180_000)]
    public async Task A_board_is_checked_after_N_evaluations_when_released_and_the_check_is_in_its_history()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (_, client) = await farm.CreateClientAsync("checked").Within();
        using var _ = client;
        string serial;
        await using (var lease = await client.ReserveAsync("pulsecount", 1, TimeSpan.FromSeconds(30)).Within())
        {
            serial = lease.Devices.Single().Serial;
            var results = await lease.EvaluateAsync(Circuits.Pulses(6), EvaluationMode.AllBoards).CollectAsync(Timeouts.Long);
            Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Reason));
        }

        var history = await Eventually.WaitForAsync(async ct =>
        {
            var entries = await farm.Admin.GetFromJsonAsync<DeviceHistoryEntry[]>($"api/admin/devices/{serial}/history", ct);
            return entries!.Any(e => e.Description.Contains("evaluations since its last check", StringComparison.Ordinal)) ? entries : null;
        }, Timeouts.Long, "the health check after the evaluations in the board's history");
        var check = history.First(e => e.Description.Contains("evaluations since its last check", StringComparison.Ordinal));
        Assert.Equal("DeviceHealthCheckRecorded", check.Type);
        Assert.StartsWith("Health check on client-tests-worker passed", check.Description, StringComparison.Ordinal);
        // The first check, when the worker found the board, is there too: health was unknown.
        Assert.Contains(history, e => e.Description.Contains("its health is not known yet", StringComparison.Ordinal));
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
    }

}

/// <summary>
/// Maintenance on its own farm: run after the check test on a shared farm, CI saw that farm keep a reservation after
/// this test and the next test's boards never came back (under investigation; docs/scheduling.md).
/// </summary>
public sealed class BoardMaintenanceTests(HealthCheckFarm farm) : IClassFixture<HealthCheckFarm>
{
    [Fact(Timeout = 180_000)]
    public async Task A_board_in_maintenance_is_not_granted_and_is_again_once_returned()
    {
        var boards = await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var held = boards[0].Serial;
        var (_, client) = await farm.CreateClientAsync("maintained").Within();
        using var _ = client;
        using (var start = await farm.Admin.PostAsJsonAsync($"api/admin/devices/{held}/maintenance", new DeviceHoldRequest("reseat the USB cable")).Within())
        {
            start.EnsureSuccessStatusCode();
        }

        await Eventually.WaitForAsync(async ct => (await farm.DevicesAsync(ct)).Single(d => d.Serial == held).Hold, Timeouts.Long, "the board in maintenance");
        await using (var lease = await client.ReserveAsync("pulsecount", 1).Within())
        {
            Assert.NotEqual(held, lease.Devices.Single().Serial);
            await Assert.ThrowsAsync<FarmApiException>(() => client.ReserveAsync("pulsecount", 1).Within());
        }

        using (var back = await farm.Admin.PostAsync($"api/admin/devices/{held}/return-to-service", null).Within())
        {
            back.EnsureSuccessStatusCode();
        }

        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        await using var both = await client.ReserveAsync("pulsecount", 2).Within();
        Assert.Contains(both.Devices, d => d.Serial == held);
    }
}
