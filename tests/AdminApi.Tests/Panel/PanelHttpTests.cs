using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

public sealed class When_an_operator_uses_the_panel_over_http(PanelFarm farm) : IClassFixture<PanelFarm>
{
    [Theory(Timeout = 60_000)]
    [InlineData("/")]
    [InlineData("/devices")]
    [InlineData("/clients")]
    [InlineData("/clients/someone")]
    [InlineData("/devices/SOME-BOARD")]
    [InlineData("/queue")]
    public async Task Without_signing_in_every_page_leads_to_the_sign_in_form(string path)
    {
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        using var response = await session.Http.GetAsync(path.TrimStart('/')).WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("GET", "/panel/live?regions=workers")]
    [InlineData("POST", "/panel/actions")]
    public async Task Without_signing_in_the_scripts_endpoints_answer_401_not_a_redirect(string method, string path)
    {
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        using var response = await session.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'))).WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_token_is_refused_in_the_page()
    {
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        using var response = await session.SignInWithTokenAsync("not-the-admin-token").WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That is not an operator token.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var home = await session.Http.GetAsync("").WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Signed_in_the_pages_show_workers_devices_clients_and_history()
    {
        var (clientId, reservation) = await farm.ReserveAsync("pages", 1);
        var serial = reservation.Devices.Single().Serial;
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        using var signIn = await session.SignInAsync(farm.AdminToken).WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var workers = await session.Http.GetStringAsync("").WaitAsync(PanelFarm.Deadline);
        Assert.Contains(PanelFarm.BusyWorker, workers, StringComparison.Ordinal);
        Assert.Contains(PanelFarm.SpareWorker, workers, StringComparison.Ordinal);
        Assert.Contains("RabbitMQ", workers, StringComparison.Ordinal);

        var devices = await session.Http.GetStringAsync($"devices?client={clientId}").WaitAsync(PanelFarm.Deadline);
        Assert.Contains($"data-serial=\"{serial}\" data-reserved=\"yes\"", devices, StringComparison.Ordinal);

        var clients = await session.Http.GetStringAsync("clients").WaitAsync(PanelFarm.Deadline);
        Assert.Contains(clientId, clients, StringComparison.Ordinal);
        var client = await session.Http.GetStringAsync($"clients/{clientId}").WaitAsync(PanelFarm.Deadline);
        Assert.Contains(serial, client, StringComparison.Ordinal);

        var device = await session.Http.GetStringAsync($"devices/{serial}").WaitAsync(PanelFarm.Deadline);
        Assert.Contains("Device reserved", device, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", device, StringComparison.Ordinal);

        var queue = await session.Http.GetStringAsync("queue").WaitAsync(PanelFarm.Deadline);
        Assert.Contains("<a href=\"/queue\">Queue</a>", queue, StringComparison.Ordinal);
        Assert.Contains("<section class=\"region\" data-region=\"queue\"><table class=\"grid\" id=\"queue-table\">", queue, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Signing_out_ends_the_session()
    {
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        (await session.SignInAsync(farm.AdminToken).WaitAsync(PanelFarm.Deadline)).Dispose();
        var page = await session.Http.GetStringAsync("").WaitAsync(PanelFarm.Deadline);
        var signOutForm = page[page.IndexOf("action=\"/signout\"", StringComparison.Ordinal)..];
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(signOutForm) });
        using var signedOut = await session.Http.PostAsync("signout", form).WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var home = await session.Http.GetAsync("").WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_live_stream_pushes_the_regions_as_html()
    {
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        (await session.SignInAsync(farm.AdminToken).WaitAsync(PanelFarm.Deadline)).Dispose();
        using var response = await session.Http.GetAsync("panel/live?regions=counts,workers", HttpCompletionOption.ResponseHeadersRead).WaitAsync(PanelFarm.Deadline);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? lastEvent = null;
        while (seen.Count < 2 && await reader.ReadLineAsync().WaitAsync(PanelFarm.Deadline) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                lastEvent = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && lastEvent is not null)
            {
                Assert.StartsWith("<", line[6..], StringComparison.Ordinal);
                if (lastEvent == "workers")
                {
                    Assert.Contains(PanelFarm.BusyWorker, line, StringComparison.Ordinal);
                }

                seen.Add(lastEvent);
            }
        }

        Assert.Equal(["counts", "workers"], seen.Order());
    }

    [Fact(Timeout = 120_000)]
    public async Task An_action_needs_the_antiforgery_token_and_answers_the_script_a_sentence()
    {
        var (clientId, reservation) = await farm.ReserveAsync("acted-on", 1);
        var serial = reservation.Devices.Single().Serial;
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        (await session.SignInAsync(farm.AdminToken, "alice").WaitAsync(PanelFarm.Deadline)).Dispose();
        session.Http.DefaultRequestHeaders.Accept.ParseAdd("application/json"); // as the panel's script asks

        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "extend", ["target"] = serial });
        using var refused = await session.Http.PostAsync("panel/actions", forged).WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var token = PanelSession.AntiforgeryToken(await session.Http.GetStringAsync("devices"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "extend", ["target"] = serial, ["duration"] = "PT30M", ["__RequestVerificationToken"] = token,
        });
        using var accepted = await session.Http.PostAsync("panel/actions", form).WaitAsync(PanelFarm.Deadline);
        var outcome = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(outcome.GetProperty("ok").GetBoolean());
        Assert.Contains($"of {clientId} by 30 minutes", outcome.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var bad = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "extend", ["target"] = serial, ["duration"] = "a while", ["__RequestVerificationToken"] = token,
        });
        using var invalid = await session.Http.PostAsync("panel/actions", bad).WaitAsync(PanelFarm.Deadline);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.False((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_quota_form_answers_the_script_a_sentence_and_the_live_stream_shows_the_quotas_in_force()
    {
        var (clientId, client) = await farm.NewClientAsync("quota-script");
        client.Dispose();
        using var session = PanelSession.Anonymous(farm.AdminApiUri);
        (await session.SignInAsync(farm.AdminToken, "alice").WaitAsync(PanelFarm.Deadline)).Dispose();
        var token = PanelSession.AntiforgeryToken(await session.Http.GetStringAsync($"clients/{clientId}").WaitAsync(PanelFarm.Deadline));
        session.Http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        async Task<(HttpStatusCode Status, bool Ok, string Message)> PostAsync(string target, string maxReservations)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["action"] = "quota", ["target"] = target, ["maxWaiting"] = "0", ["maxReservations"] = maxReservations, ["__RequestVerificationToken"] = token,
            });
            using var response = await session.Http.PostAsync("panel/actions", form).WaitAsync(PanelFarm.Deadline);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, body.GetProperty("ok").GetBoolean(), body.GetProperty("message").GetString()!);
        }

        Assert.Equal((HttpStatusCode.BadRequest, false, "'maxReservations' must be between 1 and 1000."), await PostAsync(clientId, "5000"));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("nobody-000000", "")).Status);
        var saved = await PostAsync(clientId, "");
        Assert.True(saved.Ok, saved.Message);
        Assert.Contains("and 0 waiting requests", saved.Message, StringComparison.Ordinal);

        using var response = await session.Http.GetAsync($"panel/live?regions=clientquota&clientId={clientId}", HttpCompletionOption.ResponseHeadersRead).WaitAsync(PanelFarm.Deadline);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? data = null;
        while (data is null && await reader.ReadLineAsync().WaitAsync(PanelFarm.Deadline) is { } line)
        {
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line[6..] : null;
        }

        Assert.Contains("<tr data-quota=\"max-waiting\">", data, StringComparison.Ordinal);
        Assert.Matches("data-quota=\"max-waiting\">\\s*<td>Waiting requests</td><td class=\"used\">0</td><td class=\"limit\">0</td><td class=\"from\">set for this client</td>", data);
    }
}
