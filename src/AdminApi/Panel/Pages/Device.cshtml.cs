using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class DeviceModel(PanelFragments fragments) : PanelPage(fragments)
{
    public string Serial { get; private set; } = "";

    public Task OnGetAsync(string serial, CancellationToken ct)
    {
        Serial = serial;
        return RenderRegionsAsync(new PanelQuery(DeviceFilter.None, serial, null), ct, PanelRegion.Device, PanelRegion.History);
    }
}
