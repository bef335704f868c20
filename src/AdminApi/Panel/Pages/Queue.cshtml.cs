using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class QueueModel(PanelFragments fragments) : PanelPage(fragments)
{
    public Task OnGetAsync(CancellationToken ct) =>
        RenderRegionsAsync(new PanelQuery(DeviceFilter.None, null, null), ct, PanelRegion.Queue);
}
