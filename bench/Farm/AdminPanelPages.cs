using System.Net;
using System.Text.RegularExpressions;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.Bench.Farm;

/// <summary>
/// The panel at farm size: the devices and workers pages as a signed-in browser loads them (HTML over HTTP), and the
/// server's render of each live region as the SSE stream sends it every tick (timed in-process, without the snapshot
/// cache that shares one render between open pages).
/// </summary>
internal static partial class AdminPanelPages
{
    private const int Samples = 30;

    public static async Task ReportAsync(BenchFarm farm, int boards)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = farm.AdminAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        await SignInAsync(http, farm.AdminToken);
        foreach (var path in new[] { "devices", "devices?page=50", "devices?worker=bench-pulsecount-0001", "" })
        {
            var cost = await AdminReads.TimeAsync(farm, path, Samples, async () =>
            {
                using var response = await http.GetAsync(path);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadAsByteArrayAsync()).Length;
            });
            Console.WriteLine(cost.Describe(boards, $"panel page GET /{path}"));
        }

        await using var scope = farm.AdminServices.CreateAsyncScope();
        var fragments = scope.ServiceProvider.GetRequiredService<PanelFragments>();
        var query = new PanelQuery(DeviceFilter.None, null, null);
        foreach (var region in new[] { PanelRegion.Devices, PanelRegion.Counts, PanelRegion.Workers })
        {
            var cost = await AdminReads.TimeAsync(farm, region.ToString(), Samples, async () => (await fragments.RenderAsync(region, query, CancellationToken.None)).Length);
            Console.WriteLine(cost.Describe(boards, $"panel SSE region '{region.ToString().ToLowerInvariant()}' server render"));
        }
    }

    private static async Task SignInAsync(HttpClient http, string token)
    {
        var form = await http.GetStringAsync("signin");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["operator"] = "bench",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = antiforgery,
        });
        using var response = await http.PostAsync("signin", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in to the panel answered {(int)response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
