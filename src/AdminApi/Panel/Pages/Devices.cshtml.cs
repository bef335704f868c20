using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class DevicesModel(PanelFragments fragments, FarmReader farm) : PanelPage(fragments)
{
    public PanelQuery Query { get; private set; } = new(DeviceFilter.None, null, null);

    public IReadOnlyList<string> Workers { get; private set; } = [];

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(string? worker, string? state, string? client, CancellationToken ct)
    {
        var (filter, error) = DeviceFilter.Parse(worker, state, client);
        FilterError = error;
        // The page number is read from the query, not bound: Razor Pages keeps the route value "page" for the page's path.
        Query = new PanelQuery(filter ?? DeviceFilter.None, null, null, PanelQuery.ParsePage(Request.Query["page"]));
        Workers = await farm.WorkerNamesAsync(ct);
        await RenderRegionsAsync(Query, ct, PanelRegion.Counts, PanelRegion.Devices);
    }
}
