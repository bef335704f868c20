using System.Net;
using System.Text.RegularExpressions;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>A cookie-keeping HTTP client that signs in to the panel the way a browser form does (antiforgery token included).</summary>
internal sealed partial class PanelSession : IDisposable
{
    private PanelSession(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static PanelSession Anonymous(Uri baseAddress) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        });

    /// <summary>Signs in as <paramref name="name"/>: an operator token of that name and role is issued with the bootstrap token first.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string bootstrapToken, string name = "tester", string role = "admin") =>
        await SignInWithTokenAsync(await OperatorTokens.IssueAsync(Http.BaseAddress!, bootstrapToken, name, role));

    public async Task<HttpResponseMessage> SignInWithTokenAsync(string token)
    {
        var form = await Http.GetStringAsync("signin");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        });
        return await Http.PostAsync("signin", content);
    }

    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page.");

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
