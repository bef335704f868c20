using System.Globalization;
using IceFarm.AdminApi.Farm;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>What a page shows: the device filters and page, or the one board or client it is about.</summary>
internal sealed record PanelQuery(DeviceFilter Filter, string? Serial, string? ClientId, int Page = 1)
{
    public static PanelQuery From(IQueryCollection query)
    {
        var (filter, _) = DeviceFilter.Parse(query["worker"], query["state"], query["client"]);
        return new PanelQuery(filter ?? DeviceFilter.None, Blank(query["serial"]), Blank(query["clientId"]), ParsePage(query["page"]));
    }

    /// <summary>A page number from the query; anything that is not a positive number is the first page.</summary>
    public static int ParsePage(string? page) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : 1;

    /// <summary>The devices page with these filters, at another page of the table.</summary>
    public string DevicesUrl(int page)
    {
        var parts = new List<string>(4);
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("worker", Filter.Worker);
        Add("state", Filter.State?.ToString());
        Add("client", Filter.Client);
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "/devices" : "/devices?" + string.Join('&', parts);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
