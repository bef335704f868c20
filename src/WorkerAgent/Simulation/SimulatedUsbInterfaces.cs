using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The USB strings and interface sets of the three identities (hardware.md §1.2).</summary>
internal static class SimulatedUsbInterfaces
{
    /// <summary>One interface: number, class (hex), string, bound driver (null: none), whether cdc-acm makes a tty of it.</summary>
    internal sealed record Interface(int Number, string Class, string? Name, string? Driver, bool HasTty);

    /// <summary>iManufacturer, iProduct.</summary>
    public static (string Manufacturer, string Product) Strings(UsbIdentity identity) =>
        identity == UsbIdentity.EvaluationFirmware ? ("tinyVision.ai Inc.", "pico-ice")
        : identity == UsbIdentity.DefaultFirmware ? ("Raspberry Pi", "Pico")
        : ("Raspberry Pi", "RP2350 Boot");

    /// <summary>The interfaces of <paramref name="identity"/>.</summary>
    public static IReadOnlyList<Interface> Of(UsbIdentity identity) =>
        identity == UsbIdentity.EvaluationFirmware
            ? [new(0, "02", "RP2040 logs", "cdc_acm", true), new(1, "0a", null, "cdc_acm", false),
               new(2, "02", "iCE40 UART", "cdc_acm", true), new(3, "0a", null, "cdc_acm", false),
               new(4, "fe", "iCE40 DFU (Flash)", null, false)]
        : identity == UsbIdentity.DefaultFirmware
            ? [new(0, "02", "Board CDC", "cdc_acm", true), new(1, "0a", null, "cdc_acm", false), new(2, "ff", "Reset", null, false)]
            : [new(0, "08", null, "usb-storage", false), new(1, "ff", null, null, false)];
}
