using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>The farm-wide queue and a client's quotas in the browser.</summary>
public sealed partial class When_an_operator_works_in_the_browser
{
    /// <summary>For an action's sentence: it comes back from the server, which a loaded machine may slow.</summary>
    private static readonly LocatorAssertionsToContainTextOptions SoonText = new() { Timeout = 30_000 };

    [Fact(Timeout = 180_000)]
    public async Task A_waiting_request_shows_in_the_queue_with_its_place_until_it_is_served()
    {
        var (holderId, holder) = await farm.NewClientAsync("holder");
        var (waiterId, waiter) = await farm.NewClientAsync("waiter", timeout: TimeSpan.FromMinutes(3));
        using (holder)
        using (waiter)
        {
            // The queue worker's one board is the only one of its kind: once the holder has it, the waiter waits in line.
            using (var held = await holder.PostAsJsonAsync("api/v1/reservations", new ReserveRequest(PanelFarm.QueueKind, Amount: 1, Duration: "PT1H")))
            {
                Assert.Equal(HttpStatusCode.Created, held.StatusCode);
            }

            var waits = waiter.PostAsJsonAsync("api/v1/reservations", new ReserveRequest(PanelFarm.QueueKind, Amount: 1, Duration: "PT1H", Wait: "PT2M"));
            await _page.GotoAsync(new Uri(farm.AdminApiUri, "queue").ToString());
            var row = _page.Locator($"#queue-table tr[data-client='{waiterId}']");
            await Expect(row).ToBeVisibleAsync(Soon);
            await Expect(row.Locator(".position")).ToHaveTextAsync("1");
            await Expect(row).ToContainTextAsync(PanelFarm.QueueKind);
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-queue.png"), FullPage = true });
            await _page.EvaluateAsync("() => window.sameDocument = true");

            // Ending the holder's reservation frees the board: the waiter is served and leaves the line, live.
            using (var ended = await farm.Admin.PostAsync($"api/admin/clients/{holderId}/end", null))
            {
                Assert.Equal(HttpStatusCode.Accepted, ended.StatusCode);
            }

            await Expect(row).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
            await Expect(_page.Locator("#queue-table .empty")).ToContainTextAsync("Nobody is waiting");
            Assert.True(await _page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");
            using (var served = await waits.WaitAsync(PanelFarm.Deadline))
            {
                Assert.Equal(HttpStatusCode.Created, served.StatusCode);
            }

            using (var cleanup = await farm.Admin.PostAsync($"api/admin/clients/{waiterId}/end", null))
            {
                Assert.Equal(HttpStatusCode.Accepted, cleanup.StatusCode);
            }

            await Eventually.WaitForAsync(async ct =>
            {
                var boards = await farm.Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/workers/{PanelFarm.QueueWorker}/devices", ct);
                return boards!.All(d => d.State == "Available" && d.ReservationId is null) ? boards : null;
            }, PanelFarm.Deadline, "the queue worker's board free again");
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Editing_a_clients_quotas_shows_them_in_force_and_a_bad_value_changes_nothing()
    {
        var (clientId, client) = await farm.NewClientAsync("quota-edited");
        client.Dispose();
        await _page.GotoAsync(new Uri(farm.AdminApiUri, $"clients/{clientId}").ToString());
        var boards = _page.Locator("#quota-table tr[data-quota='max-boards']");
        await Expect(boards.Locator(".from")).ToHaveTextAsync("farm default");
        await _page.EvaluateAsync("() => window.sameDocument = true");

        await _page.FillAsync("#quota-form input[name=maxBoards]", "3");
        await _page.FillAsync("#quota-form input[name=priority]", "10");
        await _page.ClickAsync("#quota-save");
        await Expect(_page.Locator("#outcome.ok")).ToContainTextAsync($"Quotas of {clientId} saved: at most 3 boards", SoonText);
        await Expect(boards.Locator(".limit")).ToHaveTextAsync("3", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Expect(boards.Locator(".from")).ToHaveTextAsync("set for this client");
        await Expect(_page.Locator("#quota-table tr[data-quota='priority'] .limit")).ToHaveTextAsync("10");
        await Expect(_page.Locator(".quota-set")).ToContainTextAsync("by alice");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.DocsPath("panel-client-quota.png"), FullPage = true });
        var usage = (await farm.Admin.GetFromJsonAsync<ClientUsage>($"api/admin/clients/{clientId}/quota"))!;
        Assert.Equal((3, 10), (usage.Quota.MaxBoards, usage.Quota.Priority));

        await _page.FillAsync("#quota-form input[name=maxBoards]", "-1");
        await _page.ClickAsync("#quota-save");
        await Expect(_page.Locator("#outcome.error")).ToContainTextAsync("'maxBoards' must be between 1 and 10000.", SoonText);
        var unchanged = (await farm.Admin.GetFromJsonAsync<ClientUsage>($"api/admin/clients/{clientId}/quota"))!;
        Assert.Equal((3, 10), (unchanged.Quota.MaxBoards, unchanged.Quota.Priority));
        await Expect(boards.Locator(".limit")).ToHaveTextAsync("3");
        Assert.True(await _page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded.");
    }
}
