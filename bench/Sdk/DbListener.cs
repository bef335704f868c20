using System.Collections.Concurrent;
using System.Diagnostics;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// Listens to Npgsql's activities in this process: each command's duration goes to the upload it ran for (if any) and
/// to a per-statement tally, so the bench can say which queries a run spent its database time on.
/// </summary>
internal sealed class DbListener : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> _byStatement = new(StringComparer.Ordinal);

    public DbListener()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => Recording ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The statements that took the most time since the last <see cref="Reset"/>, with their count and total.</summary>
    /// <summary>False for a clean run: Npgsql then creates no activities for this listener.</summary>
    public bool Recording { get; set; } = true;

    public IReadOnlyList<(string Statement, int Count, double Ms)> Top(int count) =>
        [.. _byStatement.Select(kv => (kv.Key, kv.Value.Count, kv.Value.Ms)).OrderByDescending(s => s.Ms).Take(count)];

    public void Reset() => _byStatement.Clear();

    public void Dispose() => _listener.Dispose();

    private void Stopped(Activity activity)
    {
        var ms = activity.Duration.TotalMilliseconds;
        RequestStamps.Current?.AddDb(ms);
        var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? activity.DisplayName;
        var key = Shorten(text);
        _byStatement.AddOrUpdate(key, (1, ms), (_, v) => (v.Count + 1, v.Ms + ms));
    }

    private static string Shorten(string statement)
    {
        var flat = string.Join(' ', statement.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 90 ? flat : flat[..90] + "…";
    }
}
