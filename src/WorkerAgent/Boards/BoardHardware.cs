using IceFarm.WorkerAgent.Usb;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>The set of drivers behind the board seams: the simulated farm, or Linux USB.</summary>
/// <param name="Discovery">Finds boards.</param>
/// <param name="Transports">Opens their serial ports.</param>
/// <param name="Writer">Writes UF2 images in BOOTSEL.</param>
/// <param name="Catalog">Provides the firmware images.</param>
/// <param name="Uevents">Tells when USB devices come and go.</param>
internal sealed record BoardHardware(
    IBoardDiscovery Discovery,
    ISerialTransportFactory Transports,
    IBootloaderWriter Writer,
    IFirmwareCatalog Catalog,
    IUeventSource Uevents);
