using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>Panel sign-in through a real OpenID Connect provider: who the provider says, with the role their groups map to, or nobody.</summary>
public sealed class When_operators_sign_in_with_OpenID_Connect(OidcPanelHost host) : IClassFixture<OidcPanelHost>
{
    [Fact(Timeout = 120_000)]
    public async Task An_operator_signs_in_through_the_provider_and_their_action_records_the_verified_identity()
    {
        var serial = (await host.AnnounceWorkerAsync("oidc-op-w1", 1)).Single();
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        Assert.Contains("Sign in with Test IdP", await session.Http.GetStringAsync("signin").WaitAsync(AdminApiHost.Deadline), StringComparison.Ordinal);

        using (var callback = await OidcFlow.SignInAsync(session, OidcPanelHost.Operator.Login, "/devices?worker=oidc-op-w1").WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.True(OidcFlow.SetsSession(callback));
            var landing = await session.Http.GetStringAsync(callback.Headers.Location).WaitAsync(AdminApiHost.Deadline);
            Assert.Contains("http-equiv=\"refresh\"", landing, StringComparison.Ordinal);
        }

        var page = await session.Http.GetStringAsync("devices?worker=oidc-op-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("oidc:olga", page, StringComparison.Ordinal);
        using (var acted = await PanelActAsync(session, page, serial).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, acted.StatusCode);
        }

        await Eventually.WaitForAsync(async ct =>
        {
            var devices = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices?worker=oidc-op-w1", ct);
            return devices!.Single().Hold is { By: "oidc:olga" } hold ? hold : null;
        }, AdminApiHost.Deadline, "the hold recorded under oidc:olga");

        // The panel's session never opens the REST API: that stays bearer-token only.
        using (var rest = await session.Http.GetAsync("api/admin/devices").WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
        }

        using var signOut = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(page) });
        using (var signedOut = await session.Http.PostAsync("signout", signOut).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        Assert.False(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_viewer_from_the_provider_sees_the_farm_but_an_action_is_refused()
    {
        var serial = (await host.AnnounceWorkerAsync("oidc-view-w1", 1)).Single();
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        (await OidcFlow.SignInAsync(session, OidcPanelHost.Viewer.Login).WaitAsync(AdminApiHost.Deadline)).Dispose();

        var page = await session.Http.GetStringAsync("devices?worker=oidc-view-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains(serial, page, StringComparison.Ordinal);
        using var refused = await PanelActAsync(session, page, serial).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Signed in as oidc:vera without the operator role", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var device = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices?worker=oidc-view-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Null(device!.Single().Hold);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_user_in_no_mapped_group_is_refused_and_gets_no_session()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        using var callback = await OidcFlow.SignInAsync(session, OidcPanelHost.Outsider.Login).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.False(OidcFlow.SetsSession(callback));
        using var refusal = await session.Http.GetAsync(callback.Headers.Location).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Forbidden, refusal.StatusCode);
        Assert.Contains("none of your roles or groups", await refusal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_callback_carrying_another_browsers_state_opens_no_session()
    {
        // The attacker's own code and state, planted in the victim's browser (login CSRF): the state names a sign-in
        // this browser never started.
        using var attacker = PanelSession.Anonymous(host.AdminApiUri);
        var planted = await OidcFlow.AuthorizeAsync(attacker, await OidcFlow.StartAsync(attacker, OidcPanelHost.Operator.Login)).WaitAsync(AdminApiHost.Deadline);
        using var victim = PanelSession.Anonymous(host.AdminApiUri);
        _ = await OidcFlow.StartAsync(victim, OidcPanelHost.Viewer.Login).WaitAsync(AdminApiHost.Deadline);

        using var callback = await victim.Http.GetAsync(planted).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Contains("failed=oidc", callback.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(OidcFlow.SetsSession(callback));
        Assert.False(await OidcFlow.HasSessionAsync(victim).WaitAsync(AdminApiHost.Deadline));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_callback_whose_state_was_altered_opens_no_session()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        var callback = await OidcFlow.AuthorizeAsync(session, await OidcFlow.StartAsync(session, OidcPanelHost.Operator.Login)).WaitAsync(AdminApiHost.Deadline);
        var altered = new Uri(callback.AbsoluteUri.Replace("state=", "state=X", StringComparison.Ordinal));

        using var answer = await session.Http.GetAsync(altered).WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("failed=oidc", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(OidcFlow.SetsSession(answer));
        Assert.False(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_id_token_signed_by_a_key_the_provider_never_published_opens_no_session()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        using var callback = await OidcFlow.SignInAsync(session, OidcPanelHost.Forger.Login).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Contains("failed=oidc", callback.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(OidcFlow.SetsSession(callback));
        Assert.False(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_token_form_still_signs_in_beside_the_provider()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        var form = await session.Http.GetStringAsync("signin").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains("name=\"token\"", form, StringComparison.Ordinal);
        Assert.Contains("href=\"/signin/oidc?returnUrl=%2F\"", form, StringComparison.Ordinal);
        using var signIn = await session.SignInWithTokenAsync(host.AdminToken).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
    }

    private static Task<HttpResponseMessage> PanelActAsync(PanelSession session, string page, string serial)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "panel/actions")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["action"] = "board-maintenance",
                ["target"] = serial,
                ["reason"] = "swap the hub",
                ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(page),
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        return session.Http.SendAsync(request);
    }
}
