using System.Text.RegularExpressions;

namespace IceFarm.WorkerAgent.Usb;

/// <summary>Where things live under a root that is <c>/</c> in production and a temp dir in tests (hardware.md §6.1).</summary>
internal static partial class SysfsPaths
{
    /// <summary><c>{root}/sys/bus/usb/devices</c>.</summary>
    public static string UsbDevices(string root) => Path.Join(root, "sys", "bus", "usb", "devices");

    /// <summary><c>{root}/dev/{name}</c>.</summary>
    public static string DevNode(string root, string name) => Path.Join(root, "dev", name);

    /// <summary>Whether <paramref name="entry"/> names a USB device (<c>1-2</c>, <c>3-1.4.2</c>), not a root hub or an interface.</summary>
    public static bool IsDeviceName(string entry) => DeviceName().IsMatch(entry);

    /// <summary>The USB device's bus id in a devpath, e.g. <c>1-2</c>; null if the path is above any device.</summary>
    public static string? BusIdOf(string devPath)
    {
        string? busId = null;
        foreach (var segment in devPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsDeviceName(segment))
            {
                busId = segment;
            }
            else if (segment.Contains(':', StringComparison.Ordinal) && busId is not null && segment.StartsWith(busId + ":", StringComparison.Ordinal))
            {
                return busId;
            }
        }

        return busId;
    }

    [GeneratedRegex(@"^\d+-\d+(\.\d+)*$")]
    private static partial Regex DeviceName();
}
