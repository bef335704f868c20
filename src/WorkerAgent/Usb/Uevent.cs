namespace IceFarm.WorkerAgent.Usb;

/// <summary>One kernel uevent (hardware.md §6.3): <c>ACTION@DEVPATH</c> plus its KEY=VALUE properties.</summary>
/// <param name="Action">add, remove, change, bind, unbind or move.</param>
/// <param name="DevPath">The device's path under /sys, e.g. <c>/devices/pci0000:00/0000:00:14.0/usb1/1-2</c>.</param>
/// <param name="Properties">SUBSYSTEM, DEVTYPE, SEQNUM, DEVNAME… as the kernel sent them.</param>
internal sealed record Uevent(string Action, string DevPath, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The SUBSYSTEM property, or empty.</summary>
    public string Subsystem => Properties.GetValueOrDefault("SUBSYSTEM", "");

    /// <summary>The DEVTYPE property, or empty.</summary>
    public string DevType => Properties.GetValueOrDefault("DEVTYPE", "");

    /// <summary>The USB bus id the event concerns (<c>1-2</c> for <c>…/usb1/1-2/1-2:1.0/tty/ttyACM0</c>), if any.</summary>
    public string? BusId => SysfsPaths.BusIdOf(DevPath);

    /// <summary>Whether the event can change what discovery sees for a pico2-ice.</summary>
    public bool ConcernsBoards => Subsystem is "usb" or "tty" or "block" or "scsi";

    /// <inheritdoc />
    public override string ToString() => $"{Action}@{DevPath} ({Subsystem}{(DevType.Length > 0 ? "/" + DevType : "")})";
}
