using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.History;
using IceFarm.AdminApi.Panel.Components;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Quotas;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// Renders one region of a page to HTML from the projections. Pages call it for their first render and the live stream
/// calls it every tick, so what the stream pushes is exactly what a reload would show.
/// </summary>
internal sealed class PanelFragments(
    HtmlRenderer renderer,
    FarmReader farm,
    ClientReader clients,
    DeviceHistoryReader history,
    QueueReader queue,
    ClientQuotas quotas,
    ClientQuotaEditor quotaEditor,
    TimeProvider time)
{
    private const int HistoryShown = 200;

    /// <summary>
    /// Rows per page of the device table. A 10,000-board table re-rendered every second for every open page would cost more
    /// than it shows anyone: the table pages in SQL and the filters narrow it.
    /// </summary>
    public const int DevicesPerPage = 100;

    public async Task<string> RenderAsync(PanelRegion region, PanelQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return region switch
        {
            PanelRegion.Counts => await RenderAsync<CountsBar>(new() { ["Counts"] = await farm.AvailabilityAsync(ct) }),
            PanelRegion.Workers => await RenderWorkersAsync(now, ct),
            PanelRegion.Devices => await RenderDevicesAsync(query, now, ct),
            PanelRegion.Clients => await RenderAsync<ClientsTable>(new() { ["Clients"] = await clients.ClientsAsync(ct) }),
            PanelRegion.ClientReservations => await RenderClientAsync(query.ClientId, now, ct),
            PanelRegion.Device => await RenderDeviceAsync(query.Serial, now, ct),
            PanelRegion.History => await RenderHistoryAsync(query.Serial, ct),
            PanelRegion.Queue => await RenderAsync<QueueTable>(new() { ["Line"] = await queue.LineAsync(ct), ["Now"] = now }),
            PanelRegion.ClientQuota => await RenderQuotaAsync(query.ClientId, now, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown panel region."),
        };
    }

    private async Task<string> RenderWorkersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var (workers, reserved) = await farm.WorkersWithReservedAsync(ct);
        var drains = await farm.DrainsAsync(ct);
        return await RenderAsync<WorkersTable>(new() { ["Workers"] = workers, ["Reserved"] = reserved, ["Drains"] = drains, ["Now"] = now });
    }

    private async Task<string> RenderDevicesAsync(PanelQuery query, DateTimeOffset now, CancellationToken ct)
    {
        var offset = (query.Page - 1) * DevicesPerPage;
        var (devices, total) = await farm.DevicesPageAsync(query.Filter, offset, DevicesPerPage, ct);
        return await RenderAsync<DevicesTable>(new() { ["Devices"] = devices, ["Total"] = total, ["Page"] = query.Page, ["PageUrl"] = (Func<int, string>)query.DevicesUrl, ["Offset"] = offset, ["Back"] = query.ClientId is { } client ? $"/clients/{Uri.EscapeDataString(client)}" : query.DevicesUrl(query.Page), ["Now"] = now });
    }

    private async Task<string> RenderClientAsync(string? clientId, DateTimeOffset now, CancellationToken ct)
    {
        var reservations = clientId is null ? null : await clients.ReservationsAsync(clientId, activeOnly: false, ct);
        return reservations is null
            ? Missing($"No client has id '{clientId}'.")
            : await RenderAsync<ClientReservationsList>(new() { ["ClientId"] = clientId, ["Reservations"] = reservations, ["Now"] = now });
    }

    private async Task<string> RenderQuotaAsync(string? clientId, DateTimeOffset now, CancellationToken ct)
    {
        var usage = clientId is null ? null : await quotas.UsageAsync(clientId, ct);
        if (usage is null)
        {
            return Missing($"No client has id '{clientId}'.");
        }

        var (own, _) = await quotaEditor.OwnAsync(clientId!, ct);
        return await RenderAsync<ClientQuotaCard>(new()
        {
            ["Usage"] = usage, ["Now"] = now, ["SetBy"] = own?.SetBy, ["SetAt"] = own?.SetAt,
            ["Own"] = own is null ? null : new SetClientQuotaRequest(own.MaxBoards, own.MaxReservations, own.MaxWaiting, own.MaxBoardHoursPerDay, own.Priority),
        });
    }

    private async Task<string> RenderDeviceAsync(string? serial, DateTimeOffset now, CancellationToken ct)
    {
        var device = serial is null ? null : await farm.DeviceAsync(serial, ct);
        return device is null
            ? Missing($"No board has serial '{serial}'.")
            : await RenderAsync<DeviceCard>(new() { ["Device"] = device, ["Now"] = now });
    }

    private async Task<string> RenderHistoryAsync(string? serial, CancellationToken ct)
    {
        var entries = serial is null ? null : await history.ReadAsync(serial, HistoryShown, ct);
        return entries is null ? Missing("This board has no history.") : await RenderAsync<HistoryTimeline>(new() { ["Entries"] = entries });
    }

    private static string Missing(string text) => $"<p class=\"empty\">{System.Net.WebUtility.HtmlEncode(text)}</p>";

    private Task<string> RenderAsync<T>(Dictionary<string, object?> parameters)
        where T : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
}
