using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>One board's health actions in the browser: maintenance with a reason, then return to service.</summary>
public sealed partial class When_an_operator_works_in_the_browser
{
    [Fact(Timeout = 180_000)]
    public async Task Putting_a_free_board_into_maintenance_shows_who_and_why_until_it_is_returned_to_service()
    {
        var serial = (await farm.Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/workers/{PanelFarm.HoldWorker}/devices"))!.Single().Serial;
        await _page.GotoAsync(new Uri(farm.AdminApiUri, $"devices/{serial}").ToString());
        var card = _page.Locator($".card[data-serial='{serial}']");
        await Expect(card).ToHaveAttributeAsync("data-held", "no");
        await Expect(_page.Locator("button[data-action='board-return']")).ToHaveCountAsync(0);
        await _page.EvaluateAsync("() => window.sameDocument = true");

        await _page.ClickAsync("button[data-action='board-maintenance']");
        await Expect(_page.Locator("#confirm-text")).ToContainTextAsync($"Take board {serial} out of service for maintenance?");
        await Expect(_page.Locator("#confirm-deadline")).ToBeHiddenAsync();
        await _page.FillAsync("input[name=reason]", "loose jumper");
        await _page.ClickAsync("#confirm-ok");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync($"Taking board {serial} out of service (in maintenance)", SoonText);

        await Expect(card.Locator(".badge.maintenance[data-hold='Maintenance']")).ToBeVisibleAsync(Soon);
        await Expect(card.Locator(".hold-info")).ToContainTextAsync("by alice");
        await Expect(card.Locator(".hold-info")).ToContainTextAsync("loose jumper");
        await Expect(_page.Locator("#history")).ToContainTextAsync("Put into maintenance by alice: loose jumper", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Expect(_page.Locator("button[data-action='board-maintenance']")).ToHaveCountAsync(0);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-device-maintenance.png"), FullPage = true });

        await _page.ClickAsync("button[data-action='board-return']");
        await Expect(_page.Locator("#confirm-text")).ToContainTextAsync($"Return board {serial} to service?");
        await _page.FillAsync("input[name=reason]", "jumper resoldered");
        await _page.ClickAsync("#confirm-ok");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync($"Returning board {serial} to service", SoonText);

        await Expect(card).ToHaveAttributeAsync("data-held", "no", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        await Expect(card.Locator(".health .badge")).ToHaveTextAsync("Good", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Expect(card.Locator("dd .badge.available")).ToHaveTextAsync("Available", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Expect(_page.Locator("#history")).ToContainTextAsync("Returned to service by alice: jumper resoldered");
        Assert.True(await _page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");

        // Available again to clients: the counts the allocator goes by include it.
        await Eventually.WaitForAsync(async ct =>
        {
            var board = (await farm.Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/workers/{PanelFarm.HoldWorker}/devices", ct))!.Single();
            return board is { Hold: null, State: "Available", Health: "Good" } ? board : null;
        }, PanelFarm.Deadline, $"board {serial} back in service");
    }
}
