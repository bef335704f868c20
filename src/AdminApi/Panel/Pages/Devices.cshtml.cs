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
        Query = new PanelQuery(filter ?? DeviceFilter.None, null, null);
        Workers = await farm.WorkerNamesAsync(ct);
        await RenderRegionsAsync(Query, ct, PanelRegion.Counts, PanelRegion.Devices);
    }
}
