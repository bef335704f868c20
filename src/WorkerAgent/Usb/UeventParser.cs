using System.Text;

namespace IceFarm.WorkerAgent.Usb;

/// <summary>Parses a kernel netlink uevent datagram: <c>ACTION@DEVPATH\0KEY=VALUE\0…</c> (hardware.md §6.3).</summary>
internal static class UeventParser
{
    /// <summary>The event, or null for anything else (udevd's <c>libudev</c> messages, truncated datagrams).</summary>
    public static Uevent? TryParse(ReadOnlySpan<byte> datagram)
    {
        var text = Encoding.UTF8.GetString(datagram);
        var parts = text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].StartsWith("libudev", StringComparison.Ordinal))
        {
            return null;
        }

        var at = parts[0].IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                properties[part[..eq]] = part[(eq + 1)..];
            }
        }

        var action = properties.GetValueOrDefault("ACTION", parts[0][..at]);
        var devPath = properties.GetValueOrDefault("DEVPATH", parts[0][(at + 1)..]);
        return new Uevent(action, devPath, properties);
    }

    /// <summary>The datagram the kernel would send for <paramref name="uevent"/> (for tests and the simulator).</summary>
    public static byte[] Format(Uevent uevent)
    {
        var builder = new StringBuilder().Append(uevent.Action).Append('@').Append(uevent.DevPath).Append('\0');
        builder.Append("ACTION=").Append(uevent.Action).Append('\0');
        builder.Append("DEVPATH=").Append(uevent.DevPath).Append('\0');
        foreach (var (key, value) in uevent.Properties.Where(p => p.Key is not ("ACTION" or "DEVPATH")))
        {
            builder.Append(key).Append('=').Append(value).Append('\0');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
