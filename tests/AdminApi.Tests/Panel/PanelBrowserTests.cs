using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>
/// The panel in a real browser over a running farm with simulated boards; the screenshots in docs/ come from here.
/// "Without reloading" is checked with a marker on the page's window object, which a reload would wipe.
/// </summary>
public sealed partial class When_an_operator_works_in_the_browser(PanelFarm farm) : IClassFixture<PanelFarm>, IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await Browser.LaunchAsync();
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await _page.GotoAsync(farm.AdminApiUri.ToString());
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-signin.png") });
        await _page.FillAsync("input[name=token]", await OperatorTokens.IssueAsync(farm.AdminApiUri, farm.AdminToken, "alice", "admin"));
        await _page.ClickAsync("button:has-text('Sign in')");
    }

    [Fact(Timeout = 180_000)]
    public async Task Signing_in_shows_the_workers_and_devices_of_the_farm()
    {
        var (clientId, reservation) = await farm.ReserveAsync("survey", 1);
        var serial = reservation.Devices.Single().Serial;

        await Expect(_page.Locator($"tr[data-worker='{PanelFarm.BusyWorker}'] .badge.online")).ToBeVisibleAsync(Soon);
        await Expect(_page.Locator($"tr[data-worker='{PanelFarm.SpareWorker}'] .badge.online")).ToBeVisibleAsync(Soon);
        await Expect(_page.Locator(".counts")).ToContainTextAsync("boards");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-workers.png"), FullPage = true });

        await _page.GotoAsync(new Uri(farm.AdminApiUri, "devices").ToString());
        var row = _page.Locator($"tr[data-serial='{serial}']");
        await Expect(row).ToContainTextAsync(clientId);
        await Expect(_page.Locator("tr[data-serial]")).ToHaveCountAsync(PanelFarm.Boards);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-devices.png"), FullPage = true });

        await _page.ClickAsync($"tr[data-serial='{serial}'] a[href^='/devices/']");
        await Expect(_page.Locator("#history li").First).ToBeVisibleAsync(Soon);
        await Expect(_page.Locator("#history")).ToContainTextAsync(clientId);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-device-history.png"), FullPage = true });

        await _page.GotoAsync(new Uri(farm.AdminApiUri, "clients").ToString());
        await Expect(_page.Locator($"tr[data-client='{clientId}']")).ToBeVisibleAsync(Soon);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-clients.png"), FullPage = true });
    }

    [Fact(Timeout = 180_000)]
    public async Task Ending_a_reservation_with_its_button_changes_the_row_without_reloading()
    {
        var (clientId, reservation) = await farm.ReserveAsync("ended", 1);
        var serial = reservation.Devices.Single().Serial;
        await _page.GotoAsync(new Uri(farm.AdminApiUri, "devices").ToString());
        var reserved = _page.Locator($"tr[data-serial='{serial}'][data-reserved='yes']");
        await Expect(reserved).ToBeVisibleAsync(Soon);
        await _page.EvaluateAsync("() => window.sameDocument = true");

        await reserved.Locator("button[data-action='end']").ClickAsync();
        await Expect(_page.Locator("#confirm-text")).ToContainTextAsync(clientId);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-confirm-end.png") });
        await _page.ClickAsync("#confirm-ok");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync("Ending reservation");

        await Expect(_page.Locator($"tr[data-serial='{serial}'][data-reserved='no']")).ToBeVisibleAsync(Soon);
        Assert.True(await _page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-reservation-ended.png"), FullPage = true });
    }

    [Fact(Timeout = 180_000)]
    public async Task Draining_a_worker_shows_it_drained()
    {
        await Expect(_page.Locator($"tr[data-worker='{PanelFarm.SpareWorker}'] .badge.online")).ToBeVisibleAsync(Soon);
        await _page.EvaluateAsync("() => window.sameDocument = true");
        await _page.ClickAsync($"tr[data-worker='{PanelFarm.SpareWorker}'] button[data-action='drain']");
        await _page.FillAsync("input[name=deadlineMinutes]", "5");
        await _page.ClickAsync("#confirm-ok");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync($"Draining worker {PanelFarm.SpareWorker}");

        await Expect(_page.Locator($"tr[data-worker='{PanelFarm.SpareWorker}'] .badge.drained")).ToBeVisibleAsync(Soon);
        Assert.True(await _page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-worker-drained.png"), FullPage = true });
    }

    [Fact(Timeout = 180_000)]
    public async Task Taking_a_worker_out_of_service_shows_who_and_why_until_return_to_service()
    {
        var row = _page.Locator($"tr[data-worker='{PanelFarm.RepairWorker}']");
        await Expect(row.Locator(".badge.online")).ToBeVisibleAsync(Soon);
        await _page.EvaluateAsync("() => window.sameDocument = true");
        await row.Locator("button[data-action='maintenance']").ClickAsync();
        await Expect(_page.Locator("#confirm-text")).ToContainTextAsync("also after it restarts");
        await _page.FillAsync("input[name=reason]", "fan rattles");
        await _page.FillAsync("input[name=deadlineMinutes]", "5");
        await _page.ClickAsync("#confirm-ok");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync($"Taking worker {PanelFarm.RepairWorker} out of service");

        await Expect(row.Locator(".badge.maintenance")).ToBeVisibleAsync(Soon);
        await Expect(row.Locator(".maintenance-info")).ToContainTextAsync("by alice");
        await Expect(row.Locator(".maintenance-info")).ToContainTextAsync("fan rattles");
        await Expect(row.Locator("button[data-action='maintenance']")).ToHaveCountAsync(0);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-worker-maintenance.png"), FullPage = true });

        await row.Locator("button[data-action='return']").ClickAsync();
        await Expect(_page.Locator("#confirm-text")).ToContainTextAsync($"Return worker {PanelFarm.RepairWorker} to service?");
        await Expect(_page.Locator("#confirm-reason")).ToBeHiddenAsync();
        await _page.ClickAsync("#confirm-ok");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync($"Returning worker {PanelFarm.RepairWorker} to service");

        await Expect(row.Locator("button[data-action='maintenance']")).ToBeVisibleAsync(Soon);
        await Expect(row.Locator(".badge.maintenance")).ToHaveCountAsync(0);
        await Expect(row.Locator("button[data-action='return']")).ToHaveCountAsync(0);
        Assert.True(await _page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");
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
