using IceFarm.AdminApi.Farm;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>What a page shows: the device filters, or the one board or client it is about.</summary>
internal sealed record PanelQuery(DeviceFilter Filter, string? Serial, string? ClientId)
{
    public static PanelQuery From(IQueryCollection query)
    {
        var (filter, _) = DeviceFilter.Parse(query["worker"], query["state"], query["client"]);
        return new PanelQuery(filter ?? DeviceFilter.None, Blank(query["serial"]), Blank(query["clientId"]));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
