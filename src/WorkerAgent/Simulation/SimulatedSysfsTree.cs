using System.Globalization;
using IceFarm.WorkerAgent.Usb;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// Materialises the sysfs layout of hardware.md §6.1 under a root directory (dirs, attribute files with
/// their trailing newlines, symlinks, and /dev nodes as plain files), so the production discovery code
/// reads the simulated boards exactly as it reads real ones.
/// </summary>
internal sealed class SimulatedSysfsTree
{
    private readonly string root;

    /// <summary>Creates the empty skeleton (<c>sys/bus/usb/devices</c>, <c>dev</c>) under <paramref name="root"/>.</summary>
    public SimulatedSysfsTree(string root)
    {
        this.root = root;
        Directory.CreateDirectory(SysfsPaths.UsbDevices(root));
        Directory.CreateDirectory(Path.Join(root, "dev"));
    }

    /// <summary>The root directory (stands for <c>/</c>).</summary>
    public string Root => root;

    /// <summary>The device's devpath under /sys, e.g. <c>/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4</c>.</summary>
    public static string DevPathOf(string busId)
    {
        var dash = busId.IndexOf('-', StringComparison.Ordinal);
        var path = $"/devices/pci0000:00/0000:00:14.0/usb{busId[..dash]}";
        var ports = busId[(dash + 1)..].Split('.');
        for (var i = 1; i <= ports.Length; i++)
        {
            path += "/" + busId[..dash] + "-" + string.Join('.', ports[..i]);
        }

        return path;
    }

    /// <summary>Creates the device, its interfaces and their ttys (without /dev nodes).</summary>
    public void AddDevice(SimulatedUsbAttachment usb)
    {
        var device = Sys(DevPathOf(usb.BusId));
        var (manufacturer, product) = SimulatedUsbInterfaces.Strings(usb.Identity);
        var interfaces = SimulatedUsbInterfaces.Of(usb.Identity);
        Directory.CreateDirectory(device);
        Write(device, "idVendor", usb.Identity.VendorId.ToString("x4", CultureInfo.InvariantCulture));
        Write(device, "idProduct", usb.Identity.ProductId.ToString("x4", CultureInfo.InvariantCulture));
        Write(device, "serial", usb.Serial);
        Write(device, "manufacturer", manufacturer);
        Write(device, "product", product);
        Write(device, "busnum", usb.BusId[..usb.BusId.IndexOf('-', StringComparison.Ordinal)]);
        Write(device, "devnum", usb.Devnum.ToString(CultureInfo.InvariantCulture));
        Write(device, "devpath", usb.BusId[(usb.BusId.IndexOf('-', StringComparison.Ordinal) + 1)..]);
        Write(device, "speed", "12");
        Write(device, "bNumInterfaces", interfaces.Count.ToString("D2", CultureInfo.InvariantCulture).PadLeft(2));
        Write(device, "bConfigurationValue", "1");
        Write(device, "uevent", $"DEVTYPE=usb_device\nDRIVER=usb\nPRODUCT={usb.Identity.VendorId:x}/{usb.Identity.ProductId:x}/100\n");
        foreach (var iface in interfaces)
        {
            var dir = Path.Join(device, $"{usb.BusId}:1.{iface.Number}");
            Directory.CreateDirectory(dir);
            Write(dir, "bInterfaceNumber", iface.Number.ToString("D2", CultureInfo.InvariantCulture));
            Write(dir, "bInterfaceClass", iface.Class);
            if (iface.Name is not null)
            {
                Write(dir, "interface", iface.Name);
            }

            if (iface.Driver is not null)
            {
                var driver = Sys($"/bus/usb/drivers/{iface.Driver}");
                Directory.CreateDirectory(driver);
                Directory.CreateSymbolicLink(Path.Join(dir, "driver"), driver);
            }

            Link(Path.Join(SysfsPaths.UsbDevices(root), Path.GetFileName(dir)), dir);
            if (usb.Ttys.TryGetValue(iface.Number, out var tty))
            {
                var ttyDir = Path.Join(dir, "tty", tty);
                Directory.CreateDirectory(ttyDir);
                Write(ttyDir, "dev", $"166:{TtyMinor(tty)}");
                Write(ttyDir, "uevent", $"MAJOR=166\nMINOR={TtyMinor(tty)}\nDEVNAME={tty}\n");
                Link(Sys($"/class/tty/{tty}"), ttyDir);
            }
        }

        if (usb.ScsiHost is { } host)
        {
            var scsi = Path.Join(device, $"{usb.BusId}:1.0", $"host{host}", $"target{host}:0:0", $"{host}:0:0:0");
            Directory.CreateDirectory(scsi);
            Write(scsi, "vendor", "RPI     ");
            Write(scsi, "model", "RP2350          ");
            Write(scsi, "rev", "1   ");
        }

        // Last: the device becomes visible to scans only once its attributes exist, as sysfs does.
        Link(Path.Join(SysfsPaths.UsbDevices(root), usb.BusId), device);
    }

    /// <summary>udev created the tty nodes.</summary>
    public void AddTtyNodes(SimulatedUsbAttachment usb)
    {
        foreach (var tty in usb.Ttys.Values)
        {
            File.WriteAllBytes(SysfsPaths.DevNode(root, tty), []);
        }
    }

    /// <summary>usb-storage scanned the disk: the disk, its partition and their /dev nodes.</summary>
    public void AddDisk(SimulatedUsbAttachment usb, int index)
    {
        var disk = usb.Disk!;
        var host = usb.ScsiHost!.Value;
        var block = Path.Join(Sys(DevPathOf(usb.BusId)), $"{usb.BusId}:1.0", $"host{host}", $"target{host}:0:0", $"{host}:0:0:0", "block", disk);
        var partition = Path.Join(block, disk + "1");
        Directory.CreateDirectory(partition);
        Write(block, "dev", $"8:{index * 16}");
        Write(block, "uevent", $"MAJOR=8\nMINOR={index * 16}\nDEVNAME={disk}\nDEVTYPE=disk\n");
        Write(partition, "dev", $"8:{(index * 16) + 1}");
        Write(partition, "uevent", $"MAJOR=8\nMINOR={(index * 16) + 1}\nDEVNAME={disk}1\nDEVTYPE=partition\nPARTN=1\n");
        Write(partition, "partition", "1");
        Link(Sys($"/class/block/{disk}"), block);
        Link(Sys($"/class/block/{disk}1"), partition);
        File.WriteAllBytes(SysfsPaths.DevNode(root, disk), []);
        File.WriteAllBytes(SysfsPaths.DevNode(root, disk + "1"), []);
    }

    /// <summary>The device left: nodes, links and directories go, the bus entry first.</summary>
    public void Remove(SimulatedUsbAttachment usb)
    {
        TryDelete(Path.Join(SysfsPaths.UsbDevices(root), usb.BusId));
        if (usb.Disk is { } disk)
        {
            TryDelete(SysfsPaths.DevNode(root, disk + "1"));
            TryDelete(SysfsPaths.DevNode(root, disk));
            TryDelete(Sys($"/class/block/{disk}1"));
            TryDelete(Sys($"/class/block/{disk}"));
        }

        foreach (var tty in usb.Ttys.Values)
        {
            TryDelete(SysfsPaths.DevNode(root, tty));
            TryDelete(Sys($"/class/tty/{tty}"));
        }

        foreach (var link in Directory.EnumerateFileSystemEntries(SysfsPaths.UsbDevices(root), usb.BusId + ":*"))
        {
            TryDelete(link);
        }

        var device = Sys(DevPathOf(usb.BusId));
        if (Directory.Exists(device))
        {
            Directory.Delete(device, recursive: true);
        }
    }

    private static int TtyMinor(string tty) => int.Parse(tty["ttyACM".Length..], CultureInfo.InvariantCulture);

    private string Sys(string path) => Path.Join(root, "sys", path);

    private static void Write(string dir, string name, string value) => File.WriteAllText(Path.Join(dir, name), value + "\n");

    private static void Link(string link, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        TryDelete(link);
        Directory.CreateSymbolicLink(link, target);
    }

    private static void TryDelete(string path)
    {
        // File.Delete also removes a symlink to a directory without touching its target.
        if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
