using System.Globalization;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Usb;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The host side of the simulated boards' USB: allocates ttyACM numbers and sdX letters lowest-free across
/// all boards (so they shuffle between reboots, hardware.md §8.2), keeps the optional sysfs tree in step,
/// and emits the kernel's uevent sequences (§6.3). Called by the boards under their own locks.
/// </summary>
internal sealed class SimulatedUsbBus
{
    private readonly Lock _gate = new();
    private readonly SortedSet<int> _ttys = [];
    private readonly SortedSet<int> _disks = [];
    private int _nextScsiHost;

    /// <summary>A bus; with <paramref name="sysfsRoot"/> it also materialises the sysfs tree there.</summary>
    public SimulatedUsbBus(string? sysfsRoot = null)
    {
        Tree = sysfsRoot is null ? null : new SimulatedSysfsTree(sysfsRoot);
    }

    /// <summary>The materialised tree, if any.</summary>
    public SimulatedSysfsTree? Tree { get; }

    /// <summary>The kernel's uevents for this bus.</summary>
    public SimulatedUevents Uevents { get; } = new();

    /// <summary>The /dev path of node <paramref name="name"/>.</summary>
    public string DevNode(string name) => Tree is null ? "/dev/" + name : SysfsPaths.DevNode(Tree.Root, name);

    /// <summary>The device enumerated: interfaces bound, ttys created (their /dev nodes follow with udev).</summary>
    public SimulatedUsbAttachment Attach(string serial, string busId, int devnum, UsbIdentity identity)
    {
        lock (_gate)
        {
            var interfaces = SimulatedUsbInterfaces.Of(identity);
            var ttys = interfaces.Where(i => i.HasTty).ToDictionary(i => i.Number, _ => "ttyACM" + Allocate(_ttys).ToString(CultureInfo.InvariantCulture));
            var usb = new SimulatedUsbAttachment(serial, busId, devnum, identity, ttys)
            {
                ScsiHost = identity == UsbIdentity.Bootsel ? _nextScsiHost++ : null,
            };
            Tree?.AddDevice(usb);
            var device = SimulatedSysfsTree.DevPathOf(busId);
            var product = $"{identity.VendorId:x}/{identity.ProductId:x}/100";
            Uevents.Emit("add", device, ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_device"), ("PRODUCT", product),
                ("BUSNUM", busId[..busId.IndexOf('-', StringComparison.Ordinal)].PadLeft(3, '0')), ("DEVNUM", devnum.ToString("D3", CultureInfo.InvariantCulture)));
            foreach (var iface in interfaces)
            {
                Uevents.Emit("add", $"{device}/{busId}:1.{iface.Number}", ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_interface"), ("PRODUCT", product));
            }

            foreach (var iface in interfaces.Where(i => i.Driver is not null))
            {
                Uevents.Emit("bind", $"{device}/{busId}:1.{iface.Number}", ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_interface"), ("DRIVER", iface.Driver!));
            }

            Uevents.Emit("bind", device, ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_device"), ("DRIVER", "usb"));
            foreach (var (number, tty) in ttys)
            {
                Uevents.Emit("add", $"{device}/{busId}:1.{number}/tty/{tty}", ("SUBSYSTEM", "tty"), ("DEVNAME", tty), ("MAJOR", "166"));
            }

            if (usb.ScsiHost is { } host)
            {
                Uevents.Emit("add", $"{device}/{busId}:1.0/host{host}", ("SUBSYSTEM", "scsi"), ("DEVTYPE", "scsi_host"));
            }

            return usb;
        }
    }

    /// <summary>udev made the tty nodes and applied their permissions.</summary>
    public void MarkTtysUsable(SimulatedUsbAttachment usb)
    {
        lock (_gate)
        {
            Tree?.AddTtyNodes(usb);
        }
    }

    /// <summary>usb-storage finished its delay and scan: disk and partition appear.</summary>
    public void AttachDisk(SimulatedUsbAttachment usb)
    {
        lock (_gate)
        {
            var index = Allocate(_disks);
            usb.Disk = "sd" + (char)('a' + index);
            Tree?.AddDisk(usb, index);
            var block = $"{SimulatedSysfsTree.DevPathOf(usb.BusId)}/{usb.BusId}:1.0/host{usb.ScsiHost}/target{usb.ScsiHost}:0:0/{usb.ScsiHost}:0:0:0/block/{usb.Disk}";
            Uevents.Emit("add", block, ("SUBSYSTEM", "block"), ("DEVTYPE", "disk"), ("DEVNAME", usb.Disk));
            Uevents.Emit("add", $"{block}/{usb.Disk}1", ("SUBSYSTEM", "block"), ("DEVTYPE", "partition"), ("PARTN", "1"), ("DEVNAME", usb.Disk + "1"));
        }
    }

    /// <summary>The device left the bus: everything goes, in the reverse order of its arrival.</summary>
    public void Detach(SimulatedUsbAttachment usb)
    {
        lock (_gate)
        {
            Tree?.Remove(usb);
            var device = SimulatedSysfsTree.DevPathOf(usb.BusId);
            if (usb.Disk is { } disk)
            {
                var block = $"{device}/{usb.BusId}:1.0/host{usb.ScsiHost}/target{usb.ScsiHost}:0:0/{usb.ScsiHost}:0:0:0/block/{disk}";
                Uevents.Emit("remove", $"{block}/{disk}1", ("SUBSYSTEM", "block"), ("DEVTYPE", "partition"), ("DEVNAME", disk + "1"));
                Uevents.Emit("remove", block, ("SUBSYSTEM", "block"), ("DEVTYPE", "disk"), ("DEVNAME", disk));
                _disks.Remove(disk[2] - 'a');
            }

            foreach (var (number, tty) in usb.Ttys)
            {
                Uevents.Emit("remove", $"{device}/{usb.BusId}:1.{number}/tty/{tty}", ("SUBSYSTEM", "tty"), ("DEVNAME", tty));
                _ttys.Remove(int.Parse(tty["ttyACM".Length..], CultureInfo.InvariantCulture));
            }

            foreach (var iface in SimulatedUsbInterfaces.Of(usb.Identity).Reverse())
            {
                Uevents.Emit("remove", $"{device}/{usb.BusId}:1.{iface.Number}", ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_interface"));
            }

            Uevents.Emit("remove", device, ("SUBSYSTEM", "usb"), ("DEVTYPE", "usb_device"));
        }
    }

    private static int Allocate(SortedSet<int> used)
    {
        var n = 0;
        while (used.Contains(n))
        {
            n++;
        }

        used.Add(n);
        return n;
    }
}
