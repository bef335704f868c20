namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// Carries an action's sentence across the redirect that follows a form post without script (post, redirect, get): set by
/// the action endpoint, shown once by the next page and deleted. The page HTML-encodes it like any text.
/// </summary>
internal static class PanelOutcomeFlash
{
    private const string Cookie = "icefarm-outcome";

    public static void Set(HttpContext http, PanelActionOutcome outcome) =>
        http.Response.Cookies.Append(Cookie, (outcome.Ok ? "ok|" : "error|") + outcome.Message, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromMinutes(1),
        });

    /// <summary>The outcome waiting for this page, if any; it is shown once.</summary>
    public static PanelActionOutcome? Take(HttpContext http)
    {
        if (http.Request.Cookies[Cookie] is not { } value)
        {
            return null;
        }

        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? null : new PanelActionOutcome(value[..bar] == "ok", value[(bar + 1)..]);
    }
}
