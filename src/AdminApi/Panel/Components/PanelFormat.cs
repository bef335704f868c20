using System.Globalization;

namespace IceFarm.AdminApi.Panel.Components;

/// <summary>
/// How the panel writes times and ids for people: ages and time left, not timestamps to subtract in one's head. Short ids are
/// the last 8 hex digits: reservation ids are time-ordered (v7), so their first digits are shared by neighbours.
/// </summary>
internal static class PanelFormat
{
    public static string Ago(DateTimeOffset now, DateTimeOffset? at) => at is { } t ? Span(now - t) + " ago" : "never";

    /// <summary>How long since a moment, without "ago" (a queue's waited time).</summary>
    public static string Since(DateTimeOffset now, DateTimeOffset at) => Span(now - at);

    /// <summary>Board-hours for people: at most two decimals.</summary>
    public static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Left(DateTimeOffset now, DateTimeOffset? until) => until is { } t
        ? (t <= now ? "expired" : Span(t - now))
        : "";

    /// <summary>A lease's keepalive: its TTL and how long ago it was last renewed; "none" without one.</summary>
    public static string KeepAlive(DateTimeOffset now, string? keepAlive, DateTimeOffset? renewedAt) => keepAlive is null
        ? "none"
        : $"{Span(System.Xml.XmlConvert.ToTimeSpan(keepAlive))} TTL, renewed {Ago(now, renewedAt)}";

    public static string Short(Guid? id) => id is { } g ? g.ToString("N")[^8..] : "";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>CSS class of a state or health badge.</summary>
    public static string Badge(string value) => "badge " + value.ToLowerInvariant();

    private static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min {span.Seconds:D2} s"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h {span.Minutes:D2} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
