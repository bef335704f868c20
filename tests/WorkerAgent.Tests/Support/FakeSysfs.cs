using System.Globalization;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>A sysfs tree written by hand in a temp dir, independent of the simulator, for the Linux driver tests.</summary>
internal sealed class FakeSysfs : IDisposable
{
    public FakeSysfs()
    {
        Root = Path.Join(Path.GetTempPath(), $"icefarm-fakesys-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Join(Root, "sys", "bus", "usb", "devices"));
        Directory.CreateDirectory(Path.Join(Root, "dev"));
        Directory.CreateDirectory(Device("usb1"));
        Directory.CreateSymbolicLink(Path.Join(Root, "sys", "bus", "usb", "devices", "usb1"), Device("usb1"));
    }

    public string Root { get; }

    public string Device(string busId) => Path.Join(Root, "sys", "devices", "pci0000:00", busId);

    /// <summary>A USB device with attributes (null value = attribute missing) and a tty on interface 00.</summary>
    public void Plug(string busId, string vid, string pid, string? serial, int devnum = 1, string? tty = "ttyACM0", bool ttyNode = true, string? partition = null)
    {
        var device = Device(busId);
        Directory.CreateDirectory(device);
        File.WriteAllText(Path.Join(device, "idVendor"), vid + "\n");
        File.WriteAllText(Path.Join(device, "idProduct"), pid + "\n");
        File.WriteAllText(Path.Join(device, "devnum"), devnum.ToString(CultureInfo.InvariantCulture) + "\n");
        if (serial is not null)
        {
            File.WriteAllText(Path.Join(device, "serial"), serial + "  \n");
        }

        var iface = Path.Join(device, $"{busId}:1.0");
        Directory.CreateDirectory(iface);
        File.WriteAllText(Path.Join(iface, "bInterfaceNumber"), "00\n");
        if (tty is not null)
        {
            Directory.CreateDirectory(Path.Join(iface, "tty", tty));
            if (ttyNode)
            {
                File.WriteAllBytes(Path.Join(Root, "dev", tty), []);
            }
        }

        if (partition is not null)
        {
            var disk = partition.TrimEnd('1');
            var part = Path.Join(iface, "host3", "target3:0:0", "3:0:0:0", "block", disk, partition);
            Directory.CreateDirectory(part);
            File.WriteAllText(Path.Join(part, "partition"), "1\n");
            File.WriteAllBytes(Path.Join(Root, "dev", partition), []);
        }

        Directory.CreateSymbolicLink(Path.Join(Root, "sys", "bus", "usb", "devices", busId), device);
    }

    public void Unplug(string busId)
    {
        File.Delete(Path.Join(Root, "sys", "bus", "usb", "devices", busId));
        if (Directory.Exists(Device(busId)))
        {
            Directory.Delete(Device(busId), recursive: true);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
