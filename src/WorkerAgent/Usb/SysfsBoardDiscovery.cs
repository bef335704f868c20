using System.Globalization;
using IceFarm.WorkerAgent.Boards;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Usb;

/// <summary>
/// Finds pico2-ice boards by reading sysfs (hardware.md §6.2), no udev needed: USB devices with one of the
/// three identities, their serial, the tty of interface 00 and the BOOTSEL partition. A /dev node counts
/// only once it exists, because udev creates it after the kernel's add event.
/// </summary>
/// <remarks>
/// Devices come and go while a scan runs (a board re-enumerating mid-flash), so a device whose directory
/// or attributes vanish under the scan is skipped for this scan; the next one sees it settled.
/// </remarks>
internal sealed class SysfsBoardDiscovery(string root, ILogger<SysfsBoardDiscovery> logger) : IBoardDiscovery
{
    /// <summary>The root the sysfs and /dev paths are read under (<c>/</c> in production).</summary>
    public string Root => root;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DiscoveredBoard>> ScanAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, DiscoveredBoard>(StringComparer.Ordinal);
        foreach (var (device, busId) in Devices(cancellationToken))
        {
            if (Read(busId, () => Identify(device, busId) is var (identity, serial) ? ReadBoard(device, busId, identity, serial) : null) is { } board
                && !found.TryAdd(board.Serial, board))
            {
                logger.LogWarning("Serial {Serial} seen on {BusId} and {Other}; keeping {Other}", board.Serial, busId, found[board.Serial].BusId, found[board.Serial].BusId);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<DiscoveredBoard>>([.. found.Values.OrderBy(b => b.Serial, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads three attributes of every device and walks the interfaces of the one that matches only: a flash polls
    /// every 50 ms, and with a whole worker's boards reflashing at once after a lease, full scans cost O(boards²).
    /// </remarks>
    public ValueTask<DiscoveredBoard?> FindAsync(string serial, CancellationToken cancellationToken)
    {
        foreach (var (device, busId) in Devices(cancellationToken))
        {
            if (Read(busId, () => Identify(device, busId) is var (identity, found) && found == serial ? ReadBoard(device, busId, identity, found) : null) is { } board)
            {
                return ValueTask.FromResult<DiscoveredBoard?>(board);
            }
        }

        return ValueTask.FromResult<DiscoveredBoard?>(null);
    }

    private IEnumerable<(string Device, string BusId)> Devices(CancellationToken cancellationToken)
    {
        var devices = SysfsPaths.UsbDevices(root);
        if (!Directory.Exists(devices))
        {
            logger.LogWarning("{Path} does not exist: no USB devices can be found", devices);
            yield break;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(devices))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var busId = Path.GetFileName(entry);
            if (SysfsPaths.IsDeviceName(busId))
            {
                yield return (entry, busId);
            }
        }
    }

    private DiscoveredBoard? Read(string busId, Func<DiscoveredBoard?> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The device left (or is still arriving) while it was read; the next scan sees it settled.
            logger.LogDebug("USB device {BusId} skipped in this scan: {Error}", busId, ex.Message);
            return null;
        }
    }

    /// <summary>A pico2-ice's identity and serial, or null for another device or one without a serial yet.</summary>
    private (UsbIdentity Identity, string Serial)? Identify(string device, string busId)
    {
        if (!TryReadHex(device, "idVendor", out var vendor) || !TryReadHex(device, "idProduct", out var product))
        {
            return null;
        }

        var identity = new UsbIdentity(vendor, product);
        if (!identity.IsPico2Ice)
        {
            return null;
        }

        var serial = ReadAttribute(device, "serial");
        if (string.IsNullOrEmpty(serial))
        {
            logger.LogDebug("USB device {BusId} ({Identity}) has no serial yet; skipped", busId, identity);
            return null;
        }

        return (identity, serial);
    }

    private DiscoveredBoard ReadBoard(string device, string busId, UsbIdentity identity, string serial)
    {
        string? port = null;
        string? volume = null;
        foreach (var iface in Directory.EnumerateDirectories(device, busId + ":*"))
        {
            if (ReadAttribute(iface, "bInterfaceNumber") == "00")
            {
                port = FindTty(iface) ?? port;
            }

            volume = FindPartition(iface) ?? volume;
        }

        _ = int.TryParse(ReadAttribute(device, "devnum"), NumberStyles.None, CultureInfo.InvariantCulture, out var devnum);
        return new DiscoveredBoard(serial, identity, port, volume) { BusId = busId, Devnum = devnum };
    }

    private string? FindTty(string iface)
    {
        var ttys = Path.Join(iface, "tty");
        if (!Directory.Exists(ttys))
        {
            return null;
        }

        return Directory.EnumerateDirectories(ttys).Select(Path.GetFileName).OfType<string>()
            .Select(name => SysfsPaths.DevNode(root, name))
            .FirstOrDefault(File.Exists);
    }

    private string? FindPartition(string iface)
    {
        // host<H>/target<H>:0:0/<H>:0:0:0/block/sdX/sdX1 with a `partition` file.
        foreach (var host in Directory.EnumerateDirectories(iface, "host*"))
        {
            var disks = Directory.EnumerateDirectories(host, "target*")
                .SelectMany(target => Directory.EnumerateDirectories(target))
                .Select(scsi => Path.Join(scsi, "block"))
                .Where(Directory.Exists)
                .SelectMany(block => Directory.EnumerateDirectories(block));
            foreach (var disk in disks)
            {
                var partition = Directory.EnumerateDirectories(disk)
                    .FirstOrDefault(p => File.Exists(Path.Join(p, "partition")));
                if (partition is not null && SysfsPaths.DevNode(root, Path.GetFileName(partition)) is var node && File.Exists(node))
                {
                    return node;
                }
            }
        }

        return null;
    }

    private static bool TryReadHex(string dir, string name, out ushort value)
        => ushort.TryParse(ReadAttribute(dir, name), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);

    /// <summary>An attribute's trimmed text, or null when the file is missing (sysfs attributes end in a newline).</summary>
    private static string? ReadAttribute(string dir, string name)
    {
        var path = Path.Join(dir, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
