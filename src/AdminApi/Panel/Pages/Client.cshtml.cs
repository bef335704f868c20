using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;
using IceFarm.FarmData.Quotas;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class ClientModel(PanelFragments fragments, ClientQuotaEditor quotas, IOptions<QuotaOptions> defaults) : PanelPage(fragments)
{
    public string ClientId { get; private set; } = "";

    /// <summary>Whether the client was ever issued: the quota form is offered only then.</summary>
    public bool Exists { get; private set; }

    /// <summary>The quotas an admin gave this client, which the form starts from; null fields are the farm's defaults.</summary>
    public ClientQuota? Own { get; private set; }

    public QuotaOptions Defaults => defaults.Value;

    public async Task OnGetAsync(string clientId, CancellationToken ct)
    {
        ClientId = clientId;
        (Own, Exists) = await quotas.OwnAsync(clientId, ct);
        await RenderRegionsAsync(new PanelQuery(DeviceFilter.None with { Client = clientId }, null, clientId), ct,
            PanelRegion.ClientReservations, PanelRegion.Devices, PanelRegion.ClientQuota);
    }
}
