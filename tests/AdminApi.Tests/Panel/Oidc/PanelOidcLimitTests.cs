using System.Net;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>Starting provider sign-ins is throttled like posting tokens: a link, but each follow is an attempt.</summary>
public sealed class When_provider_sign_ins_are_started_in_a_flood(StrictOidcPanelHost host) : IClassFixture<StrictOidcPanelHost>
{
    [Fact(Timeout = 60_000)]
    public async Task The_fourth_start_within_a_minute_is_refused_with_429()
    {
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var start = await session.Http.GetAsync("signin/oidc?returnUrl=%2F").WaitAsync(AdminApiHost.Deadline);
            statuses.Add(start.StatusCode);
            if (start.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(start.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        using var form = await session.Http.GetAsync("signin").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
