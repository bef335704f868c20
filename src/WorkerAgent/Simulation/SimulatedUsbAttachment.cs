using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>One enumeration of a simulated board on the bus: what the kernel created for it, until it leaves.</summary>
/// <param name="Serial">USB serial.</param>
/// <param name="BusId">Port, e.g. <c>1-2</c>.</param>
/// <param name="Devnum">Device number of this enumeration.</param>
/// <param name="Identity">VID:PID.</param>
/// <param name="Ttys">Interface number → ttyACM name (cdc-acm binds the even, comm interfaces).</param>
internal sealed record SimulatedUsbAttachment(string Serial, string BusId, int Devnum, UsbIdentity Identity, IReadOnlyDictionary<int, string> Ttys)
{
    /// <summary>The SCSI host number of the mass-storage interface, in BOOTSEL.</summary>
    public int? ScsiHost { get; init; }

    /// <summary>The disk (<c>sda</c>) once usb-storage scanned it.</summary>
    public string? Disk { get; set; }

    /// <summary>The protocol tty (interface 00), if any.</summary>
    public string? ProtocolTty => Ttys.GetValueOrDefault(0);
}
