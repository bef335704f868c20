using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>
/// The panel's actions without script: a button's form leads to the confirmation page, whose form posts the action with
/// the antiforgery token and is redirected back to the page, which says what happened once.
/// </summary>
public sealed partial class When_an_operator_acts_without_script(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Ending_a_reservation_asks_on_a_page_then_comes_back_with_the_outcome()
    {
        var serials = await host.AnnounceWorkerAsync("noscript-w1", 1);
        var (clientId, client) = await host.NewClientAsync("noscript-victim");
        using var _ = client;
        var reservation = await AdminApiHost.ReserveAsync(client, serials[0]);
        using var session = await SignedInAsync();

        var table = await session.Http.GetStringAsync("devices?worker=noscript-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("<form method=\"get\" action=\"/confirm\"", table, StringComparison.Ordinal);
        Assert.Contains($"name=\"do\" value=\"end:{serials[0]}\"", table, StringComparison.Ordinal);

        var confirm = await session.Http.GetStringAsync($"confirm?back=%2Fdevices%3Fworker%3Dnoscript-w1&do=end:{serials[0]}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"of client {clientId}?", confirm, StringComparison.Ordinal);
        Assert.Contains("action=\"/panel/actions\"", confirm, StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "end",
            ["target"] = serials[0],
            ["back"] = "/devices?worker=noscript-w1",
            ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(confirm),
        });
        using var posted = await session.Http.PostAsync("panel/actions", form).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal("/devices?worker=noscript-w1", posted.Headers.Location?.OriginalString);
        await host.Probe.WaitForAsync<EndReservationByAdmin>(c => c.ReservationId == reservation.Id, "the end command");

        var after = await session.Http.GetStringAsync("devices?worker=noscript-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("<div id=\"outcome\" role=\"status\" aria-live=\"polite\" class=\"ok\">Ending reservation", after, StringComparison.Ordinal);
        var again = await session.Http.GetStringAsync("devices?worker=noscript-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.DoesNotContain("class=\"ok\">Ending reservation", again, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_refused_action_comes_back_with_the_reason_and_a_foreign_return_address_is_ignored()
    {
        var serials = await host.AnnounceWorkerAsync("noscript-w2", 1);
        using var session = await SignedInAsync();
        var confirm = await session.Http.GetStringAsync($"confirm?do=reboot:{serials[0]}").WaitAsync(AdminApiHost.Deadline);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "end",
            ["target"] = serials[0],
            ["back"] = "//elsewhere.example/phish",
            ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(confirm),
        });
        using var posted = await session.Http.PostAsync("panel/actions", form).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal("/", posted.Headers.Location?.OriginalString);

        var home = await session.Http.GetStringAsync("").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"class=\"error\">Board {serials[0]} is not reserved", home, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("confirm?do=end:NO-SUCH-BOARD", "No board has serial")]
    [InlineData("confirm?do=melt:X", "Unknown action")]
    [InlineData("confirm", "Choose an action")]
    [InlineData("confirm?do=drain:nobody", "No worker is named")]
    [InlineData("confirm?do=end-client:nobody", "No client has id")]
    public async Task The_confirmation_page_says_why_it_cannot_ask(string path, string expected)
    {
        using var session = await SignedInAsync();
        var page = await session.Http.GetStringAsync(path).WaitAsync(AdminApiHost.Deadline);
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/panel/actions\"", page, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Draining_asks_for_the_deadline_and_extending_for_the_duration()
    {
        var serials = await host.AnnounceWorkerAsync("noscript-w3", 1);
        var (clientId, client) = await host.NewClientAsync("noscript-extended");
        using var _ = client;
        await AdminApiHost.ReserveAsync(client, serials[0]);
        using var session = await SignedInAsync();

        var drain = await session.Http.GetStringAsync("confirm?do=drain:noscript-w3").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("Drain worker noscript-w3?", drain, StringComparison.Ordinal);
        Assert.Contains("name=\"deadlineMinutes\"", drain, StringComparison.Ordinal);

        var extend = await session.Http.GetStringAsync($"confirm?do=extend-client:{clientId}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"Extend all 1 reservation of client {clientId} by:", extend, StringComparison.Ordinal);
        Assert.Contains("name=\"duration\"", extend, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Saving_a_clients_quotas_posts_the_form_and_comes_back_with_them_in_force()
    {
        var (clientId, client) = await host.NewClientAsync("noscript-quota");
        client.Dispose();
        using var session = await SignedInAsync();
        var page = await session.Http.GetStringAsync($"clients/{clientId}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("<form method=\"post\" action=\"/panel/actions\" class=\"quota-form\"", page, StringComparison.Ordinal);

        using var posted = await PostQuotaAsync(session, page, clientId, maxBoards: "4", priority: "-5");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal($"/clients/{clientId}", posted.Headers.Location?.OriginalString);
        var usage = (await host.Admin.GetFromJsonAsync<ClientUsage>($"api/admin/clients/{clientId}/quota").WaitAsync(AdminApiHost.Deadline))!;
        Assert.Equal((4, -5), (usage.Quota.MaxBoards, usage.Quota.Priority));

        var after = await session.Http.GetStringAsync($"clients/{clientId}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"class=\"ok\">Quotas of {clientId} saved: at most 4 boards", after, StringComparison.Ordinal);
        Assert.Contains("<td class=\"limit\">4</td><td class=\"from\">set for this client</td>", after, StringComparison.Ordinal);
        Assert.Contains("name=\"maxBoards\" type=\"number\" step=\"1\" value=\"4\"", after, StringComparison.Ordinal);
        Assert.Contains("Quotas last set by tester", after, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("-1", "'maxBoards' must be between 1 and 10000.")]
    [InlineData("lots", "'maxBoards' must be a whole number")]
    public async Task A_bad_quota_comes_back_as_an_error_and_changes_nothing(string maxBoards, string expected)
    {
        var (clientId, client) = await host.NewClientAsync("noscript-badquota");
        client.Dispose();
        using var session = await SignedInAsync();
        var page = await session.Http.GetStringAsync($"clients/{clientId}").WaitAsync(AdminApiHost.Deadline);
        (await PostQuotaAsync(session, page, clientId, maxBoards: "2", priority: "")).Dispose();
        var before = (await host.Admin.GetFromJsonAsync<ClientUsage>($"api/admin/clients/{clientId}/quota").WaitAsync(AdminApiHost.Deadline))!;
        Assert.Equal(2, before.Quota.MaxBoards);

        using var posted = await PostQuotaAsync(session, page, clientId, maxBoards, priority: "7");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var after = await session.Http.GetStringAsync($"clients/{clientId}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"class=\"error\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(expected)}", after, StringComparison.Ordinal);
        var usage = (await host.Admin.GetFromJsonAsync<ClientUsage>($"api/admin/clients/{clientId}/quota").WaitAsync(AdminApiHost.Deadline))!;
        Assert.Equal(before.Quota, usage.Quota);
    }

    private static async Task<HttpResponseMessage> PostQuotaAsync(PanelSession session, string page, string clientId, string maxBoards, string priority)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "quota",
            ["target"] = clientId,
            ["back"] = $"/clients/{clientId}",
            ["maxBoards"] = maxBoards,
            ["maxReservations"] = "",
            ["maxWaiting"] = "",
            ["maxBoardHoursPerDay"] = "",
            ["priority"] = priority,
            ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(page),
        });
        return await session.Http.PostAsync("panel/actions", form).WaitAsync(AdminApiHost.Deadline);
    }

    private async Task<PanelSession> SignedInAsync()
    {
        var session = PanelSession.Anonymous(host.AdminApiUri);
        using var signIn = await session.SignInAsync(host.AdminToken).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return session;
    }
}
