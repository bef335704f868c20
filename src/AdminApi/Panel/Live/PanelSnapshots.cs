using System.Collections.Concurrent;
using IceFarm.AdminApi.Hosting;
using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// Shares rendered regions between the live streams of every open page: ten operators watching the same table cost
/// one query and one render per tick, not ten. A snapshot is reused for half the refresh interval.
/// </summary>
internal sealed class PanelSnapshots(IServiceScopeFactory scopes, TimeProvider time, IOptions<AdminApiOptions> options, IHostApplicationLifetime lifetime)
{
    private const int PruneAbove = 256;
    private readonly ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    public Task<string> GetAsync(PanelRegion region, PanelQuery query)
    {
        var key = $"{region}|{query.Filter.Worker}|{query.Filter.State}|{query.Filter.Client}|{query.Serial}|{query.ClientId}|{query.Page}";
        var now = time.GetUtcNow();
        if (_snapshots.TryGetValue(key, out var snapshot) && now - snapshot.At < options.Value.LiveRefreshInterval / 2)
        {
            return snapshot.Html;
        }

        snapshot = new Snapshot(now, RenderAsync(region, query));
        _snapshots[key] = snapshot;
        if (_snapshots.Count > PruneAbove)
        {
            Prune(now);
        }

        return snapshot.Html;
    }

    /// <summary>
    /// Rendered in a scope of its own and on the application's token, not one page's: the page that started it may
    /// leave while others wait on it.
    /// </summary>
    private async Task<string> RenderAsync(PanelRegion region, PanelQuery query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PanelFragments>().RenderAsync(region, query, lifetime.ApplicationStopping);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, old) in _snapshots)
        {
            if (now - old.At > TimeSpan.FromMinutes(1))
            {
                _snapshots.TryRemove(key, out _);
            }
        }
    }

    private sealed record Snapshot(DateTimeOffset At, Task<string> Html);
}
