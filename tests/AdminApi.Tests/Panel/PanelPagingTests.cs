using System.Net;
using System.Text.RegularExpressions;
using IceFarm.AdminApi.Panel.Live;
using Xunit;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>The device table pages in SQL: a large farm is shown a page at a time, in table order, with links between pages.</summary>
public sealed partial class When_the_device_table_is_longer_than_a_page(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 120_000)]
    public async Task The_panel_shows_one_page_at_a_time_in_serial_order_with_links_between_pages()
    {
        var boards = PanelFragments.DevicesPerPage + 30;
        var serials = (await host.AnnounceWorkerAsync("paged-w1", boards)).Order(StringComparer.Ordinal).ToArray();
        using var session = PanelSession.Anonymous(host.AdminApiUri);
        using (var signIn = await session.SignInAsync(host.AdminToken).WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var first = await session.Http.GetStringAsync("devices?worker=paged-w1").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(serials[..PanelFragments.DevicesPerPage], Rows(first));
        Assert.Contains($"boards 1–{PanelFragments.DevicesPerPage} of {boards} (page 1 of 2)", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\" href=\"/devices?worker=paged-w1&amp;page=2\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        var second = await session.Http.GetStringAsync("devices?worker=paged-w1&page=2").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(serials[PanelFragments.DevicesPerPage..], Rows(second));
        Assert.Contains("rel=\"prev\" href=\"/devices?worker=paged-w1\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    private static string[] Rows(string html) => [.. SerialRow().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-serial=\"([^\"]+)\"")]
    private static partial Regex SerialRow();
}
