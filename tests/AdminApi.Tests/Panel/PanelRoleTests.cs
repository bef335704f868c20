using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>The panel signs people in by their own token: its name and role, and only while it is valid.</summary>
public sealed class When_operators_sign_in_to_the_panel(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 120_000)]
    public async Task A_viewer_sees_the_farm_but_an_action_is_refused_and_sends_nothing()
    {
        var serial = (await host.AnnounceWorkerAsync("panel-role-w1", 1)).Single();
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        using (var signIn = await session.SignInAsync(host.AdminToken, "vic", "viewer").WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var page = await session.Http.GetStringAsync($"devices?worker=panel-role-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains(serial, page, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "board-maintenance",
            ["target"] = serial,
            ["reason"] = "should not happen",
            ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(page),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "panel/actions") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        using var refused = await session.Http.SendAsync(request).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Signed in as vic without the operator role", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var device = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices?worker=panel-role-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Null(device!.Single().Hold);
    }

    [Fact(Timeout = 120_000)]
    public async Task Revoking_the_token_ends_the_session_it_opened()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        (await session.SignInAsync(host.AdminToken, "rita", "operator").WaitAsync(AdminApiHost.Deadline)).Dispose();
        using (var home = await session.Http.GetAsync("").WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        var token = (await host.Admin.GetFromJsonAsync<TokenInfo[]>("api/admin/tokens?subject=rita").WaitAsync(AdminApiHost.Deadline))!.Single();
        using (var revoke = await host.Admin.PostAsJsonAsync($"api/admin/tokens/{token.Id}/revoke", new RevokeTokenRequest("left the team")).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await Eventually.WaitForAsync(async ct =>
        {
            using var home = await session.Http.GetAsync("", ct);
            return home.StatusCode == HttpStatusCode.Redirect && home.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal) ? "signed out" : null;
        }, AdminApiHost.Deadline, "the panel to send rita to the sign-in page");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_client_token_does_not_open_the_panel()
    {
        var (_, client) = await host.NewClientAsync("panel-curious");
        using var _ = client;
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        using var response = await session.SignInWithTokenAsync(client.DefaultRequestHeaders.Authorization!.Parameter!).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That is a client token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var home = await session.Http.GetAsync("").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Markup_in_an_operators_reason_is_shown_as_text_never_run()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var serial = (await host.AnnounceWorkerAsync("panel-xss-w1", 1)).Single();
        using (var held = await host.Admin.PostAsJsonAsync($"api/admin/devices/{serial}/maintenance", new DeviceHoldRequest(hostile)).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        }

        using var session = PanelSession.Anonymous(host.AdminApiUri);
        (await session.SignInAsync(host.AdminToken, "xavier", "viewer").WaitAsync(AdminApiHost.Deadline)).Dispose();
        foreach (var page in new[] { "devices?worker=panel-xss-w1", $"devices/{serial}" })
        {
            var html = await Eventually.WaitForAsync(async ct =>
            {
                var body = await session.Http.GetStringAsync(page, ct);
                return body.Contains("onerror", StringComparison.Ordinal) ? body : null;
            }, AdminApiHost.Deadline, $"the hold's reason on {page}");
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        }
    }
}
