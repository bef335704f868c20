using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class IndexModel(PanelFragments fragments) : PanelPage(fragments)
{
    public Task OnGetAsync(CancellationToken ct) =>
        RenderRegionsAsync(new PanelQuery(DeviceFilter.None, null, null), ct, PanelRegion.Counts, PanelRegion.Workers);
}
