using System.Net;
using System.Net.Http.Json;
using System.Text;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests;

/// <summary>An operator takes one board out of service (maintenance, retired) and returns it, through the REST API.</summary>
public sealed class When_an_admin_takes_a_board_out_of_service(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private static readonly Func<HttpResponseMessage, HttpStatusCode, string, Task<System.Text.Json.JsonElement>> Problem =
        When_a_caller_has_no_admin_token.AssertProblemAsync;

    [Fact(Timeout = 120_000)]
    public async Task Maintenance_retire_and_return_are_shown_with_who_and_why_and_recorded_in_the_history()
    {
        var serials = await host.AnnounceWorkerAsync("hold-w1", 2);
        using (var notHeld = await host.Admin.PostAsync($"api/admin/devices/{serials[0]}/return-to-service", null).WaitAsync(AdminApiHost.Deadline))
        {
            await Problem(notHeld, HttpStatusCode.Conflict, "/device-in-service");
        }

        using (var start = await host.Admin.PostAsJsonAsync($"api/admin/devices/{serials[0]}/maintenance", new DeviceHoldRequest("loose jumper")).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            Assert.Equal("maintenance", (await start.Content.ReadFromJsonAsync<AdminActionAccepted>())!.Action);
        }

        var shown = await WaitForDeviceAsync(serials[0], d => d.Hold is not null, "in maintenance");
        Assert.Equal(("Maintenance", "Maintenance", "bootstrap-admin", "loose jumper"), (shown.Health, shown.Hold!.Hold, shown.Hold.By, shown.Hold.Reason));
        using (var again = await host.Admin.PostAsync($"api/admin/devices/{serials[0]}/maintenance", null).WaitAsync(AdminApiHost.Deadline))
        {
            await Problem(again, HttpStatusCode.Conflict, "/device-held");
        }

        // The device table's JSON (written straight from PostgreSQL's text) carries the hold too.
        var table = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices?worker=hold-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal("loose jumper", table!.Single(d => d.Serial == serials[0]).Hold!.Reason);
        Assert.Null(table!.Single(d => d.Serial == serials[1]).Hold);
        var availability = await host.Admin.GetFromJsonAsync<FarmAvailability>("api/admin/availability").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(1, availability!.AvailableByKind["pulsecount"]);

        using (var retire = await host.Admin.PostAsJsonAsync($"api/admin/devices/{serials[0]}/retire", new DeviceHoldRequest("jumper pad torn off")).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal("retire", (await retire.Content.ReadFromJsonAsync<AdminActionAccepted>())!.Action);
        }

        await WaitForDeviceAsync(serials[0], d => d.Health == nameof(DeviceHealth.Retired), "retired");
        using (var back = await host.Admin.PostAsJsonAsync($"api/admin/devices/{serials[0]}/return-to-service", new DeviceHoldRequest("new board soldered")).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal("return-to-service", (await back.Content.ReadFromJsonAsync<AdminActionAccepted>())!.Action);
        }

        await WaitForDeviceAsync(serials[0], d => d.Hold is null && d.Health == nameof(DeviceHealth.Good), "back in service");
        var history = await host.Admin.GetFromJsonAsync<DeviceHistoryEntry[]>($"api/admin/devices/{serials[0]}/history").WaitAsync(AdminApiHost.Deadline);
        var lines = history!.Select(h => h.Description).ToList();
        Assert.Contains("Put into maintenance by bootstrap-admin: loose jumper", lines);
        Assert.Contains("Retired by bootstrap-admin: jumper pad torn off", lines);
        Assert.Contains("Returned to service by bootstrap-admin: new board soldered", lines);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("maintenance")]
    [InlineData("retire")]
    [InlineData("return-to-service")]
    public async Task Acting_on_an_unknown_board_is_404(string action)
    {
        using var response = await host.Admin.PostAsync($"api/admin/devices/NO-SUCH-BOARD/{action}", null).WaitAsync(AdminApiHost.Deadline);
        await Problem(response, HttpStatusCode.NotFound, "/not-found");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"reason":""", "Malformed JSON")]
    public async Task A_bad_request_is_400_and_sends_nothing(string body, string expected)
    {
        var serial = (await host.AnnounceWorkerAsync("hold-w2", 1)).Single();
        var before = host.Probe.Received.Count;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Admin.PostAsync($"api/admin/devices/{serial}/maintenance", content).WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.Probe.Received.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reason_longer_than_500_characters_is_400()
    {
        var serial = (await host.AnnounceWorkerAsync("hold-w3", 1)).Single();
        using var response = await host.Admin.PostAsJsonAsync($"api/admin/devices/{serial}/retire", new DeviceHoldRequest(new string('x', 501)))
            .WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains("'reason'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<DeviceInfo> WaitForDeviceAsync(string serial, Func<DeviceInfo, bool> condition, string what) =>
        Eventually.WaitForAsync(async ct =>
        {
            var devices = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", ct);
            return devices!.SingleOrDefault(d => d.Serial == serial) is { } found && condition(found) ? found : null;
        }, AdminApiHost.Deadline, $"board {serial} {what}");
}
