using System.Net;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>What a browser does in a provider sign-in, step by step: panel → provider's authorize endpoint → panel's callback.</summary>
internal static class OidcFlow
{
    /// <summary>Follows the panel's "Sign in with …" link; returns the provider authorize URL it redirects to, naming the user.</summary>
    public static async Task<Uri> StartAsync(PanelSession session, string login, string returnUrl = "/")
    {
        using var start = await session.Http.GetAsync($"signin/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return new Uri($"{start.Headers.Location!.AbsoluteUri}&login_hint={Uri.EscapeDataString(login)}");
    }

    /// <summary>The provider signs the user in and answers with the panel callback URL (code and state in the query).</summary>
    public static async Task<Uri> AuthorizeAsync(PanelSession session, Uri authorize)
    {
        using var answer = await session.Http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!;
    }

    /// <summary>The whole round trip; returns the panel's answer to the callback.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(PanelSession session, string login, string returnUrl = "/") =>
        await session.Http.GetAsync(await AuthorizeAsync(session, await StartAsync(session, login, returnUrl)));

    /// <summary>Whether the response set the panel's session cookie.</summary>
    public static bool SetsSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("icefarm-panel=", StringComparison.Ordinal));

    /// <summary>Whether the response deleted the panel's session cookie (an empty value that expired long ago).</summary>
    public static bool ClearsSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("icefarm-panel=;", StringComparison.Ordinal));

    /// <summary>Asks for the panel's home page: a session shows it, no session is sent to sign in.</summary>
    public static async Task<bool> HasSessionAsync(PanelSession session)
    {
        using var home = await session.Http.GetAsync("");
        if (home.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/signin", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return false;
    }
}
