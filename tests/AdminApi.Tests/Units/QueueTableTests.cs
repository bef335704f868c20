using IceFarm.AdminApi.Panel.Components;
using IceFarm.Contracts.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

/// <summary>The queue page's table, rendered as the panel renders it (HtmlRenderer), without a farm.</summary>
public sealed class QueueTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_empty_line_says_that_nobody_waits()
    {
        var html = await RenderAsync([]);
        Assert.Contains("class=\"empty\">Nobody is waiting", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-request=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_request_shows_its_place_client_kind_priorities_waited_time_and_protection()
    {
        var first = new QueuedRequestInfo(Guid.CreateVersion7(Now), "batch-1", "variance", 3, 1, 2, 0, 2, true, Now.AddMinutes(-12), Now.AddMinutes(48));
        var second = new QueuedRequestInfo(Guid.CreateVersion7(Now), "lab-2", "pulsecount", 1, 2, 2, 1, 1, false, Now.AddSeconds(-30), Now.AddSeconds(30));
        var html = await RenderAsync([first, second]);

        Assert.DoesNotContain("Nobody is waiting", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("batch-1", StringComparison.Ordinal) < html.IndexOf("lab-2", StringComparison.Ordinal), "Rows are not in serving order.");
        Assert.Contains($"<tr data-request=\"{first.Id}\" data-client=\"batch-1\" data-position=\"1\"><td class=\"position\">1</td>", html, StringComparison.Ordinal);
        Assert.Matches(@"<td>variance</td>\s*<td>3</td>\s*<td>0</td>\s*<td[^>]*>2</td>", html);
        Assert.Contains("12 min 00 s", html, StringComparison.Ordinal);
        Assert.Contains("48 min 00 s", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("badge protected").Length - 1);
    }

    private static async Task<string> RenderAsync(QueuedRequestInfo[] line)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<QueueTable>(
            ParameterView.FromDictionary(new Dictionary<string, object?> { ["Line"] = line, ["Now"] = Now }))).ToHtmlString());
    }
}
