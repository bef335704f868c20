using System.Net;
using System.Net.Http.Json;
using System.Text;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests;

public sealed class When_an_admin_takes_a_worker_out_of_service(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private static readonly Func<HttpResponseMessage, HttpStatusCode, string, Task<System.Text.Json.JsonElement>> Problem =
        When_a_caller_has_no_admin_token.AssertProblemAsync;

    [Fact(Timeout = 120_000)]
    public async Task Maintenance_is_sent_shown_refused_twice_and_ended_by_return_to_service()
    {
        await host.AnnounceWorkerAsync("mnt-w1", 1);
        using (var inService = await host.Admin.PostAsync("api/admin/workers/mnt-w1/return-to-service", null).WaitAsync(AdminApiHost.Deadline))
        {
            await Problem(inService, HttpStatusCode.Conflict, "/worker-in-service");
        }

        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(20);
        using (var start = await host.Admin.PostAsJsonAsync("api/admin/workers/mnt-w1/maintenance", new MaintenanceRequest("fan rattles", deadline)).WaitAsync(AdminApiHost.Deadline))
        {
            var accepted = await AcceptedAsync(start);
            Assert.Equal(("maintenance", "mnt-w1", deadline), (accepted.Action, accepted.Target, accepted.Deadline));
        }

        var sent = await host.Probe.WaitForAsync<StartWorkerMaintenance>(c => c.Worker == "mnt-w1", "the maintenance command");
        Assert.Equal((deadline, "bootstrap-admin", "fan rattles"), (sent.Deadline, sent.Admin, sent.Reason));
        var shown = await WaitForWorkerAsync("mnt-w1", w => w.Maintenance is not null, "in maintenance");
        Assert.Equal(("bootstrap-admin", "fan rattles"), (shown.Maintenance!.By, shown.Maintenance.Reason));
        Assert.InRange(shown.Maintenance.Since, TimeProvider.System.GetUtcNow().AddMinutes(-5), TimeProvider.System.GetUtcNow());
        using (var again = await host.Admin.PostAsync("api/admin/workers/mnt-w1/maintenance", null).WaitAsync(AdminApiHost.Deadline))
        {
            var problem = await Problem(again, HttpStatusCode.Conflict, "/worker-in-maintenance");
            Assert.Contains("by bootstrap-admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var back = await host.Admin.DeleteAsync("api/admin/workers/mnt-w1/maintenance").WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal("return-to-service", (await AcceptedAsync(back)).Action);
        }

        await host.Probe.WaitForAsync<ReturnWorkerToService>(c => c.Worker == "mnt-w1" && c.Admin == "bootstrap-admin", "the return command");
        var returned = await WaitForWorkerAsync("mnt-w1", w => w.Maintenance is null && !w.Draining, "back in service");
        Assert.True(returned.Online);
        using var twice = await host.Admin.PostAsync("api/admin/workers/mnt-w1/return-to-service", null).WaitAsync(AdminApiHost.Deadline);
        await Problem(twice, HttpStatusCode.Conflict, "/worker-in-service");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("POST", "api/admin/workers/nobody/maintenance")]
    [InlineData("DELETE", "api/admin/workers/nobody/maintenance")]
    [InlineData("POST", "api/admin/workers/nobody/return-to-service")]
    public async Task Acting_on_an_unknown_worker_is_404(string method, string path)
    {
        using var response = await host.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WaitAsync(AdminApiHost.Deadline);
        await Problem(response, HttpStatusCode.NotFound, "/not-found");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"deadline":"2001-01-01T00:00:00Z"}""", "in the past")]
    [InlineData("""{"reason":"x","deadline":"2999-01-01T00:00:00Z"}""", "at most")]
    [InlineData("""{"reason":""", "Malformed JSON")]
    public async Task A_bad_maintenance_request_is_400_and_sends_nothing(string body, string expected)
    {
        var before = host.Probe.Received.Count;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Admin.PostAsync("api/admin/workers/any/maintenance", content).WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.Probe.Received.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reason_longer_than_500_characters_is_400()
    {
        using var response = await host.Admin.PostAsJsonAsync("api/admin/workers/any/maintenance", new MaintenanceRequest(new string('x', 501), null))
            .WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains("'reason'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<WorkerInfo> WaitForWorkerAsync(string worker, Func<WorkerInfo, bool> condition, string what) =>
        Eventually.WaitForAsync(async ct =>
        {
            var workers = await host.Admin.GetFromJsonAsync<WorkerInfo[]>("api/admin/workers", ct);
            return workers!.SingleOrDefault(w => w.Name == worker) is { } found && condition(found) ? found : null;
        }, AdminApiHost.Deadline, $"{worker} {what}");

    private static async Task<AdminActionAccepted> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AdminActionAccepted>())!;
    }
}
