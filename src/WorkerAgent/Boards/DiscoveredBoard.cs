namespace IceFarm.WorkerAgent.Boards;

/// <summary>One board as a discovery scan saw it.</summary>
/// <param name="Serial">USB serial: 16 upper-case hex digits, the same in every mode; the only stable key.</param>
/// <param name="Identity">The VID:PID it currently enumerates with, which says which firmware runs.</param>
/// <param name="PortName">The protocol serial port (CDC interface 0), once it is usable; null in BOOTSEL or while udev catches up.</param>
/// <param name="BootloaderVolume">The BOOTSEL mass-storage partition, once it appeared; null otherwise.</param>
internal sealed record DiscoveredBoard(string Serial, UsbIdentity Identity, string? PortName, string? BootloaderVolume)
{
    /// <summary>Where it is plugged in (<c>1-2</c>); changes when it moves to another port. Null when unknown.</summary>
    public string? BusId { get; init; }

    /// <summary>USB device number; a new value on the same bus id means it re-enumerated. 0 when unknown.</summary>
    public int Devnum { get; init; }
}
