using IceFarm.AdminApi.Actions;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Clients;

namespace IceFarm.AdminApi.Panel.Pages;

internal sealed class ClientsModel(PanelFragments fragments, ClientDirectory directory) : PanelPage(fragments)
{
    public ClientCreated? Issued { get; private set; }

    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => RenderAsync(ct);

    /// <summary>Issues a client token and shows it once, in this answer only (no redirect: the token must not travel in a URL).</summary>
    public async Task OnPostAsync(string? name, CancellationToken ct)
    {
        if (!User.IsInRole(OperatorRoles.Admin))
        {
            Error = "Only an admin issues clients.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else if (!ClientDirectory.IsValidName(name))
        {
            Error = "A client name is 1 to 64 characters: letters, digits and . - _ @, starting with a letter or digit.";
        }
        else
        {
            var (account, token) = await directory.CreateAsync(name!, User.AdminName(), null, ct);
            Issued = new ClientCreated(account.Id, token);
        }

        await RenderAsync(ct);
    }

    private Task RenderAsync(CancellationToken ct) => RenderRegionsAsync(new PanelQuery(DeviceFilter.None, null, null), ct, PanelRegion.Clients);
}
