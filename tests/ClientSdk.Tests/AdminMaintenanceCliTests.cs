using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary><c>icefarm admin maintenance</c> and <c>admin return</c> against a farm of its own, with <c>--json</c>.</summary>
public sealed class AdminMaintenanceCliTests(MaintenanceFarm farm) : IClassFixture<MaintenanceFarm>
{
    [Fact(Timeout = 180_000)]
    public async Task Maintenance_keeps_the_workers_boards_from_clients_until_admin_return()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        string[] admin = ["--json", "--admin-url", farm.AdminApiUri.ToString(), "--admin-token", farm.AdminToken];

        var start = await CliRun.RunAsync(["admin", "maintenance", ClientFarm.WorkerName, "--reason", "new cable", "--deadline", "10m", .. admin]);
        Assert.True(start.Exit == 0, start.Err);
        using (var accepted = JsonDocument.Parse(start.Out))
        {
            Assert.Equal("maintenance", accepted.RootElement.GetProperty("action").GetString());
        }

        await Eventually.WaitForAsync(async ct =>
        {
            var workers = await CliRun.RunAsync(["admin", "workers", .. admin]);
            var shown = JsonSerializer.Deserialize<WorkerInfo[]>(workers.Out, JsonSerializerOptions.Web)!.Single(w => w.Name == ClientFarm.WorkerName);
            return shown.Maintenance?.Reason == "new cable" ? shown : null;
        }, Timeouts.Long, "the worker in maintenance in 'admin workers'");
        await Eventually.WaitForAsync(async ct => await AvailableAsync(ct) == 0 ? "none" : null, Timeouts.Long, "no grantable board");

        var back = await CliRun.RunAsync(["admin", "return", ClientFarm.WorkerName, .. admin]);
        Assert.True(back.Exit == 0, back.Err);
        try
        {
            await Eventually.WaitForAsync(async ct => await AvailableAsync(ct) == 1 ? "one" : null, Timeouts.Long, "its board grantable again");
        }
        catch (TimeoutException timeout)
        {
            // What the farm showed instead, so that a failure says why.
            var workers = await farm.Admin.GetStringAsync("api/admin/workers");
            var devices = await farm.Admin.GetStringAsync("api/admin/devices");
            throw new TimeoutException($"{timeout.Message} Workers: {workers} Devices: {devices}", timeout);
        }

        var again = await CliRun.RunAsync(["admin", "return", ClientFarm.WorkerName, .. admin]);
        Assert.NotEqual(0, again.Exit);
        Assert.Contains("neither in maintenance nor draining", again.Err, StringComparison.Ordinal);
    }

    private async Task<int> AvailableAsync(CancellationToken ct) =>
        (await farm.Admin.GetFromJsonAsync<FarmAvailability>("api/admin/availability", ct))!.AvailableByKind.GetValueOrDefault("pulsecount");
}
