using System.Globalization;
using System.Reflection;
using System.Text;
using IceFarm.FarmData.Devices;

namespace IceFarm.AdminApi.History;

/// <summary>
/// Turns a device event into one sentence for operators. Events it does not know yet (the ReservationService keeps
/// adding some) are described from their properties, so the timeline never shows raw JSON and never breaks.
/// </summary>
internal static class HistoryDescriber
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "Serial", "At", "SchemaVersion" };

    /// <param name="data">The event.</param>
    /// <param name="endedBy">Who ended each reservation (from the reservation streams), so a release names the person.</param>
    public static string Describe(object data, IReadOnlyDictionary<Guid, string>? endedBy = null) => data switch
    {
        DeviceReleased e when endedBy?.GetValueOrDefault(e.ReservationId) is { } who =>
            $"Released from reservation {Short(e.ReservationId)}: {e.Reason}, by {who}",
        DeviceLeaseExtended e => $"Lease of reservation {Short(e.ReservationId)} extended until {Time(e.ExpiresAt)}",
        DeviceActionRequested e => $"{Title(e.Action)} requested by {e.By}",
        DeviceStateRecorded e => $"{e.State} on {e.Worker}, health {e.Health}" + (string.IsNullOrEmpty(e.Reason) ? "" : $": {e.Reason}"),
        DeviceReserved e => $"Reserved by client {e.ClientId} for {e.Kind} (reservation {Short(e.ReservationId)}) until {Time(e.ExpiresAt)}",
        DeviceReleased e => $"Released from reservation {Short(e.ReservationId)}: {e.Reason}",
        DeviceHeld e => $"{Held(e.Hold)} by {e.By}" + (string.IsNullOrEmpty(e.Reason) ? "" : $": {e.Reason}"),
        DeviceReturnedToService e => $"Returned to service by {e.By}" + (string.IsNullOrEmpty(e.Reason) ? "" : $": {e.Reason}"),
        DeviceHealthCheckRecorded e => $"Health check on {e.Worker} {(e.Passed ? "passed" : "failed")}: {e.Reason}",
        _ => Generic(data),
    };

    private static string Held(Contracts.Devices.DeviceHold hold) => hold switch
    {
        Contracts.Devices.DeviceHold.Maintenance => "Put into maintenance",
        Contracts.Devices.DeviceHold.Retired => "Retired",
        _ => "Held as Bad after failed health checks",
    };

    public static string Title(string typeName)
    {
        var words = new StringBuilder();
        foreach (var c in typeName)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
                words.Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    private static string Generic(object data)
    {
        var parts = data.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !Skipped.Contains(p.Name) && p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, Value: Format(p.GetValue(data))))
            .Where(p => p.Value.Length > 0)
            .Select(p => $"{Title(p.Name).ToLowerInvariant()}: {p.Value}");
        var detail = string.Join(", ", parts);
        return detail.Length == 0 ? Title(data.GetType().Name) : $"{Title(data.GetType().Name)} ({detail})";
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset t => Time(t),
        Guid g => Short(g),
        TimeSpan s => s.ToString("c", CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable items => string.Join(" ", items.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Short(Guid id) => id.ToString("N")[^8..];

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
