using System.Net;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>A board's maintenance and return to service without script, and the hold in the devices table.</summary>
public sealed partial class When_an_operator_acts_without_script
{
    [Fact(Timeout = 120_000)]
    public async Task Holding_a_board_asks_for_a_reason_on_a_page_and_the_table_shows_who_and_why()
    {
        var serial = (await host.AnnounceWorkerAsync("noscript-hold", 1)).Single();
        const string back = "/devices?worker=noscript-hold";
        using var session = await SignedInAsync();
        var table = await session.Http.GetStringAsync(back.TrimStart('/')).WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"name=\"do\" value=\"board-maintenance:{serial}\"", table, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"board-return:{serial}\"", table, StringComparison.Ordinal);
        var notHeld = await session.Http.GetStringAsync($"confirm?do=board-return:{serial}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"Board {serial} is not held out of service", notHeld, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/panel/actions\"", notHeld, StringComparison.Ordinal);

        var confirm = await session.Http.GetStringAsync($"confirm?back={Uri.EscapeDataString(back)}&do=board-maintenance:{serial}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"Take board {serial} out of service for maintenance?", confirm, StringComparison.Ordinal);
        Assert.Contains("name=\"reason\"", confirm, StringComparison.Ordinal);
        await PostAsync(session, confirm, "board-maintenance", serial, "fan cable chafed", back);
        await host.Probe.WaitForAsync<HoldDeviceByAdmin>(
            c => c is { Hold: DeviceHold.Maintenance, Admin: "tester", Reason: "fan cable chafed" } && c.Serial == serial, "the hold command");
        var outcome = await session.Http.GetStringAsync(back.TrimStart('/')).WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"class=\"ok\">Taking board {serial} out of service (in maintenance)", outcome, StringComparison.Ordinal);

        var held = await TableAsync(session, back, "data-held=\"yes\"", "the board shown held");
        Assert.Matches("<span class=\"badge maintenance\" data-hold=\"Maintenance\">Maintenance</span>\\s*<span class=\"hold-info\">by tester, [^<]*: fan cable chafed</span>", held);
        Assert.Contains($"value=\"board-return:{serial}\"", held, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"board-maintenance:{serial}\"", held, StringComparison.Ordinal);

        var confirmReturn = await session.Http.GetStringAsync($"confirm?do=board-return:{serial}").WaitAsync(AdminApiHost.Deadline);
        Assert.Contains($"Return board {serial} to service?", confirmReturn, StringComparison.Ordinal);
        await PostAsync(session, confirmReturn, "board-return", serial, "cable replaced", back);
        await host.Probe.WaitForAsync<ReturnDeviceToServiceByAdmin>(c => c is { Admin: "tester", Reason: "cable replaced" } && c.Serial == serial, "the return command");
        await TableAsync(session, back, "data-held=\"no\"", "the board shown back in service");
    }

    private static async Task PostAsync(PanelSession session, string page, string action, string serial, string reason, string back)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = action, ["target"] = serial, ["reason"] = reason, ["back"] = back,
            ["__RequestVerificationToken"] = PanelSession.AntiforgeryToken(page),
        });
        using var posted = await session.Http.PostAsync("panel/actions", form).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(back, posted.Headers.Location?.OriginalString);
    }

    private static Task<string> TableAsync(PanelSession session, string path, string expected, string what) =>
        Eventually.WaitForAsync(async ct =>
        {
            var html = await session.Http.GetStringAsync(path.TrimStart('/'), ct);
            return html.Contains(expected, StringComparison.Ordinal) ? html : null;
        }, AdminApiHost.Deadline, what);
}
