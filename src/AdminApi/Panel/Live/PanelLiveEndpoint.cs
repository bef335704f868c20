using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using IceFarm.AdminApi.Hosting;
using IceFarm.AdminApi.Panel.Auth;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// Live updates without reloads: one SSE stream per open page. Every tick it re-renders the page's regions from the
/// projections and sends only those whose HTML changed (<c>event: region</c>, <c>data: html</c>); the page swaps them
/// in. Polling inside the server keeps the browser side to a dozen lines of script and no client state.
/// </summary>
internal static class PanelLiveEndpoint
{
    public static IEndpointRouteBuilder MapPanelLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/panel/live", Stream).RequireAuthorization(PanelAuth.Policy).ExcludeFromDescription();
        return app;
    }

    private static IResult Stream(HttpRequest request, PanelSnapshots snapshots, TimeProvider time,
        IOptions<AdminApiOptions> options, ILogger<PanelSnapshots> logger, CancellationToken ct)
    {
        var regions = request.Query["regions"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<PanelRegion>(r, ignoreCase: true, out var region) ? region : (PanelRegion?)null)
            .OfType<PanelRegion>().Distinct().ToArray();
        if (regions.Length == 0)
        {
            return TypedResults.Problem("Name the regions to watch: ?regions=workers,devices", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.ServerSentEvents(ChangesAsync(regions, PanelQuery.From(request.Query), snapshots, time,
            options.Value.LiveRefreshInterval, logger, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> ChangesAsync(PanelRegion[] regions, PanelQuery query,
        PanelSnapshots snapshots, TimeProvider time, TimeSpan interval, ILogger logger, [EnumeratorCancellation] CancellationToken ct)
    {
        var sent = new Dictionary<PanelRegion, string>();
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            foreach (var region in regions)
            {
                string html;
                try
                {
                    html = await snapshots.GetAsync(region, query).WaitAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed read (database restarting) must not end the operator's page; the next tick tries again.
                    logger.LogWarning(ex, "Rendering panel region {Region} failed", region);
                    continue;
                }

                if (!sent.TryGetValue(region, out var previous) || previous != html)
                {
                    sent[region] = html;
                    yield return new SseItem<string>(html.ReplaceLineEndings(" "), region.ToString().ToLowerInvariant());
                }
            }
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
