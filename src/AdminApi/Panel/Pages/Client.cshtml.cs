using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class ClientModel(PanelFragments fragments) : PanelPage(fragments)
{
    public string ClientId { get; private set; } = "";

    public Task OnGetAsync(string clientId, CancellationToken ct)
    {
        ClientId = clientId;
        return RenderRegionsAsync(new PanelQuery(DeviceFilter.None with { Client = clientId }, null, clientId), ct,
            PanelRegion.ClientReservations, PanelRegion.Devices);
    }
}
