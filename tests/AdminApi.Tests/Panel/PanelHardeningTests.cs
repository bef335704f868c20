using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>Sign-in throttling, cookies behind a TLS ingress, and the headers that keep the panel out of frames and foreign scripts.</summary>
public sealed class When_the_panel_faces_the_network(StrictSignInHost host) : IClassFixture<StrictSignInHost>
{
    [Fact(Timeout = 60_000)]
    public async Task Guessing_the_sign_in_token_is_stopped_after_the_limit_with_429_and_the_form_still_shows()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var attempt = await session.SignInWithTokenAsync($"guess-{i}").WaitAsync(AdminApiHost.Deadline);
            statuses.Add(attempt.StatusCode);
            if (attempt.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(attempt.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
                var problem = await attempt.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains("sign-in attempts a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var form = await session.Http.GetAsync("signin").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Behind_a_TLS_ingress_the_session_cookie_is_secure_and_the_page_cannot_be_framed()
    {
        // The ingress on loopback (a trusted proxy) forwards an HTTPS request from another address, whose sign-ins are
        // counted apart from this host's other tests'.
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        session.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        session.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var signIn = await session.SignInWithTokenAsync(host.AdminToken).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("icefarm-panel=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = await session.Http.GetAsync("").WaitAsync(AdminApiHost.Deadline);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_signed_in_operators_page_loads_count_as_theirs_not_as_a_strangers()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        session.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using (var signIn = await session.SignInWithTokenAsync(host.AdminToken).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // More than the address's allowance without a valid token (20): the cookie makes them the operator's.
        for (var i = 0; i < 30; i++)
        {
            using var page = await session.Http.GetAsync("devices").WaitAsync(AdminApiHost.Deadline);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}
