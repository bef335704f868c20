using System.Net;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// A provider sign-in ends <c>Oidc:SessionLifetime</c> (8 h) after it began, however active the operator is: the
/// panel cookie itself slides (12 h, renewed past half), so only the session's fixed end can close it at 8 h.
/// </summary>
public sealed class When_a_provider_session_reaches_its_lifetime(TimedOidcPanelHost host) : IClassFixture<TimedOidcPanelHost>
{
    [Fact(Timeout = 120_000)]
    public async Task It_is_refused_after_eight_hours_of_activity_and_accepted_until_then()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        using (var callback = await OidcFlow.SignInAsync(session, OidcPanelHost.Operator.Login).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.True(OidcFlow.SetsSession(callback));
        }

        // Active all along: a request every few hours, the last one past the cookie's half-life so the cookie is renewed
        // (its own expiry then lies 12 h after that request, far beyond the session's end).
        Assert.True(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
        foreach (var step in new[] { TimeSpan.FromHours(3), TimeSpan.FromHours(3), TimeSpan.FromHours(1) + TimeSpan.FromMinutes(58) })
        {
            host.Time.Advance(step);
            Assert.True(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline), $"signed out at {host.Time.GetUtcNow():O}");
        }

        host.Time.Advance(TimeSpan.FromMinutes(3));
        using var late = await session.Http.GetAsync("devices").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("/signin", late.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(OidcFlow.ClearsSession(late), "The ended session's cookie was not cleared.");

        // Ended for good: moving on does not bring it back.
        Assert.False(await OidcFlow.HasSessionAsync(session).WaitAsync(AdminApiHost.Deadline));
    }
}
