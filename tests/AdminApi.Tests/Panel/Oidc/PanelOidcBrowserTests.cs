using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// The provider sign-in in a real browser, with the provider on another site: the way back from it is a cross-site
/// navigation, from which Chromium withholds the panel's <c>SameSite=Strict</c> cookie, so only <c>/signin/done</c>'s
/// own navigation (a meta refresh) can arrive signed in. The test navigates nowhere itself after the provider's form.
/// </summary>
public sealed class When_an_operator_signs_in_with_OpenID_Connect_in_the_browser(CrossSiteOidcPanelHost host)
    : IClassFixture<CrossSiteOidcPanelHost>, IAsyncLifetime
{
    private const string Worker = "oidc-br-w1";
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Browser.LaunchAsync();

    [Fact(Timeout = 180_000)]
    public async Task The_browser_lands_signed_in_on_the_page_it_asked_for_and_an_action_records_the_provider_identity()
    {
        var serial = (await host.AnnounceWorkerAsync(Worker, 1)).Single();
        var page = await _browser!.NewPageAsync();
        // Signing in crosses two hosts (the panel, then the provider on another site): a click waits for that navigation,
        // which on a loaded 2-core CI machine once took longer than Playwright's default 30 s.
        page.SetDefaultTimeout(90_000);
        var documents = new List<Uri>();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                documents.Add(new Uri(frame.Url));
            }
        };
        await page.GotoAsync(new Uri(host.AdminApiUri, $"devices/{serial}").AbsoluteUri);
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?"));
        await page.ClickAsync("#signin-oidc");
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(host.CrossSiteAuthority.AbsoluteUri)}connect/authorize"));
        await page.FillAsync("#login", OidcPanelHost.Operator.Login);
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator($".card[data-serial='{serial}']")).ToBeVisibleAsync(Soon);
        await Expect(page.Locator("form.signout span")).ToHaveTextAsync("oidc:olga");
        Assert.Equal($"/devices/{serial}", new Uri(page.Url).AbsolutePath);
        Assert.Contains(documents, d => d.AbsolutePath == "/signin/done");
        Assert.Equal("127.0.0.1", new Uri(page.Url).Host);

        await page.ClickAsync("button[data-action='board-maintenance']");
        await page.FillAsync("input[name=reason]", "reseat the hub");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#outcome.ok")).ToContainTextAsync($"Taking board {serial} out of service", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Eventually.WaitForAsync(async ct =>
        {
            var devices = await host.Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/devices?worker={Worker}", ct);
            return devices!.Single().Hold is { By: "oidc:olga", Reason: "reseat the hub" } hold ? hold : null;
        }, AdminApiHost.Deadline, "the hold recorded under oidc:olga");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
