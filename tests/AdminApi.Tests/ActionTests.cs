using System.Net;
using System.Net.Http.Json;
using System.Text;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using Xunit;

namespace IceFarm.AdminApi.Tests;

public sealed class When_an_admin_acts_on_the_farm(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private static readonly Func<HttpResponseMessage, HttpStatusCode, string, Task<System.Text.Json.JsonElement>> Problem =
        When_a_caller_has_no_admin_token.AssertProblemAsync;

    [Fact(Timeout = 120_000)]
    public async Task Ending_a_boards_reservation_sends_the_command_naming_the_admin()
    {
        var serials = await host.AnnounceWorkerAsync("act-w1", 1);
        var (clientId, client) = await host.NewClientAsync("victim");
        using (client)
        {
            var reservation = await AdminApiHost.ReserveAsync(client, serials[0]);
            using var response = await host.Admin.PostAsync($"api/admin/devices/{serials[0]}/end", null).WaitAsync(AdminApiHost.Deadline);
            var accepted = await AcceptedAsync(response);
            Assert.Equal(("end", serials[0], "bootstrap-admin"), (accepted.Action, accepted.Target, accepted.RequestedBy));
            Assert.Equal([reservation.Id], accepted.ReservationIds);
            Assert.Contains(clientId, accepted.Message, StringComparison.Ordinal);
            var sent = await host.Probe.WaitForAsync<EndReservationByAdmin>(c => c.ReservationId == reservation.Id, "the end command");
            Assert.Equal("bootstrap-admin", sent.Admin);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Extending_a_boards_reservation_sends_the_duration()
    {
        var serials = await host.AnnounceWorkerAsync("act-w2", 1);
        var (_, client) = await host.NewClientAsync("extended");
        using (client)
        {
            var reservation = await AdminApiHost.ReserveAsync(client, serials[0]);
            using var response = await host.Admin.PostAsJsonAsync($"api/admin/devices/{serials[0]}/extend", new AdminExtendRequest("PT30M")).WaitAsync(AdminApiHost.Deadline);
            var accepted = await AcceptedAsync(response);
            Assert.Equal(TimeSpan.FromMinutes(30), accepted.By);
            var sent = await host.Probe.WaitForAsync<ExtendReservationByAdmin>(c => c.ReservationId == reservation.Id, "the extend command");
            Assert.Equal(TimeSpan.FromMinutes(30), sent.By);

            using var byDefault = await host.Admin.PostAsync($"api/admin/devices/{serials[0]}/extend", null).WaitAsync(AdminApiHost.Deadline);
            Assert.Equal(TimeSpan.FromHours(1), (await AcceptedAsync(byDefault)).By);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"duration":"forever"}""", "'duration' must be")]
    [InlineData("""{"duration":"-PT1H"}""", "'duration' must be")]
    [InlineData("""{"duration":"P30D"}""", "'duration' must be")]
    [InlineData("""{"duration":""", "Malformed JSON")]
    public async Task A_bad_extension_is_400_and_sends_nothing(string body, string expected)
    {
        var before = host.Probe.Received.Count;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Admin.PostAsync("api/admin/devices/ANY/extend", content).WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.Probe.Received.Count);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("POST", "api/admin/devices/NO-SUCH-BOARD/end")]
    [InlineData("POST", "api/admin/devices/NO-SUCH-BOARD/extend")]
    [InlineData("POST", "api/admin/devices/NO-SUCH-BOARD/reboot")]
    [InlineData("DELETE", "api/admin/devices/NO-SUCH-BOARD")]
    [InlineData("POST", "api/admin/clients/nobody-000000/end")]
    [InlineData("POST", "api/admin/clients/nobody-000000/extend")]
    [InlineData("POST", "api/admin/workers/nobody/drain")]
    [InlineData("GET", "api/admin/workers/nobody/drain")]
    public async Task Acting_on_something_unknown_is_404(string method, string path)
    {
        using var response = await host.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WaitAsync(AdminApiHost.Deadline);
        await Problem(response, HttpStatusCode.NotFound, "/not-found");
    }

    [Fact(Timeout = 120_000)]
    public async Task Ending_or_extending_what_nobody_holds_is_409_not_reserved()
    {
        var serials = await host.AnnounceWorkerAsync("act-w3", 1);
        var (clientId, client) = await host.NewClientAsync("idle");
        client.Dispose();
        foreach (var path in new[] { $"api/admin/devices/{serials[0]}/end", $"api/admin/devices/{serials[0]}/extend", $"api/admin/clients/{clientId}/end", $"api/admin/clients/{clientId}/extend" })
        {
            using var response = await host.Admin.PostAsync(path, null).WaitAsync(AdminApiHost.Deadline);
            await Problem(response, HttpStatusCode.Conflict, "/not-reserved");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Ending_and_extending_all_of_a_clients_reservations_sends_one_command_each()
    {
        var serials = await host.AnnounceWorkerAsync("act-w4", 2);
        var (clientId, client) = await host.NewClientAsync("busy");
        using (client)
        {
            var first = await AdminApiHost.ReserveAsync(client, serials[0]);
            var second = await AdminApiHost.ReserveAsync(client, serials[1]);

            using var extend = await host.Admin.PostAsJsonAsync($"api/admin/clients/{clientId}/extend", new AdminExtendRequest("PT2H")).WaitAsync(AdminApiHost.Deadline);
            Assert.Equal([first.Id, second.Id], (await AcceptedAsync(extend)).ReservationIds.Order());
            await host.Probe.WaitForAsync<ExtendReservationByAdmin>(c => c.ReservationId == first.Id && c.By == TimeSpan.FromHours(2), "extend of the first");
            await host.Probe.WaitForAsync<ExtendReservationByAdmin>(c => c.ReservationId == second.Id && c.By == TimeSpan.FromHours(2), "extend of the second");

            using var end = await host.Admin.PostAsync($"api/admin/clients/{clientId}/end", null).WaitAsync(AdminApiHost.Deadline);
            Assert.Equal([first.Id, second.Id], (await AcceptedAsync(end)).ReservationIds.Order());
            await host.Probe.WaitForAsync<EndReservationByAdmin>(c => c.ReservationId == first.Id, "end of the first");
            await host.Probe.WaitForAsync<EndReservationByAdmin>(c => c.ReservationId == second.Id, "end of the second");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_worker_that_was_never_drained_has_no_drain_progress()
    {
        await host.AnnounceWorkerAsync("act-w8", 1);
        using var response = await host.Admin.GetAsync("api/admin/workers/act-w8/drain").WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.NotFound, "/not-found");
        Assert.Contains("never drained", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Reboot_and_forget_send_their_commands()
    {
        var serials = await host.AnnounceWorkerAsync("act-w5", 1);
        using var reboot = await host.Admin.PostAsync($"api/admin/devices/{serials[0]}/reboot", null).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal("reboot", (await AcceptedAsync(reboot)).Action);
        await host.Probe.WaitForAsync<RebootDeviceByAdmin>(c => c.Serial == serials[0] && c.Admin == "bootstrap-admin", "the reboot command");

        using var forget = await host.Admin.DeleteAsync($"api/admin/devices/{serials[0]}").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal("forget", (await AcceptedAsync(forget)).Action);
        await host.Probe.WaitForAsync<ForgetDeviceByAdmin>(c => c.Serial == serials[0], "the forget command");
    }

    [Fact(Timeout = 120_000)]
    public async Task Draining_a_worker_sends_the_deadline_or_the_default()
    {
        await host.AnnounceWorkerAsync("act-w6", 1);
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(10);
        using var response = await host.Admin.PostAsJsonAsync("api/admin/workers/act-w6/drain", new DrainRequest(deadline)).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(deadline, (await AcceptedAsync(response)).Deadline);
        var sent = await host.Probe.WaitForAsync<DrainWorker>(c => c.Worker == "act-w6", "the drain command");
        Assert.Equal((deadline, "bootstrap-admin"), (sent.Deadline, sent.RequestedBy));
        var progress = await Testing.Eventually.WaitForAsync(async ct =>
        {
            using var read = await host.Admin.GetAsync("api/admin/workers/act-w6/drain", ct);
            return read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<WorkerDrainInfo>(ct) : null;
        }, AdminApiHost.Deadline, "the drain's progress");
        Assert.Equal(("act-w6", deadline, "bootstrap-admin"), (progress.Worker, progress.Deadline, progress.RequestedBy));
        Assert.True(progress.State is "draining" or "drained", progress.State);

        await host.AnnounceWorkerAsync("act-w7", 1);
        using var byDefault = await host.Admin.PostAsync("api/admin/workers/act-w7/drain", null).WaitAsync(AdminApiHost.Deadline);
        var accepted = await AcceptedAsync(byDefault);
        Assert.InRange(accepted.Deadline!.Value - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"deadline":"2001-01-01T00:00:00Z"}""", "in the past")]
    [InlineData("""{"deadline":"2999-01-01T00:00:00Z"}""", "at most")]
    [InlineData("""{"deadline":"tomorrow"}""", "Malformed JSON")]
    public async Task A_bad_drain_deadline_is_400(string body, string expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Admin.PostAsync("api/admin/workers/any/drain", content).WaitAsync(AdminApiHost.Deadline);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<AdminActionAccepted> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AdminActionAccepted>())!;
    }
}
