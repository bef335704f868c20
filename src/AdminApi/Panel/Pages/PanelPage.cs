using IceFarm.AdminApi.Panel.Live;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IceFarm.AdminApi.Panel.Pages;

/// <summary>A panel page: renders its live regions once on the server; the live stream keeps them current.</summary>
internal abstract class PanelPage(PanelFragments fragments) : PageModel
{
    private readonly Dictionary<PanelRegion, IHtmlContent> _regions = [];

    /// <summary>The sentence of an action posted without script, shown once after its redirect (the layout shows it).</summary>
    public PanelActionOutcome? Outcome { get; private set; }

    /// <summary>A region's first HTML, wrapped in the element the page script swaps.</summary>
    public IHtmlContent Region(PanelRegion region) => _regions[region];

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Outcome = PanelOutcomeFlash.Take(HttpContext);
        ViewData["Outcome"] = Outcome;
    }

    protected async Task RenderRegionsAsync(PanelQuery query, CancellationToken ct, params PanelRegion[] regions)
    {
        foreach (var region in regions)
        {
            var name = region.ToString().ToLowerInvariant();
            var html = await fragments.RenderAsync(region, query, ct);
            _regions[region] = new HtmlString($"<section class=\"region\" data-region=\"{name}\">{html}</section>");
        }
    }
}
