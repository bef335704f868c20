namespace IceFarm.WorkerAgent.Boards;

/// <summary>A board's USB vendor and product id, which tells what it is running (hardware.md §1.2).</summary>
/// <param name="VendorId">USB idVendor.</param>
/// <param name="ProductId">USB idProduct.</param>
internal readonly record struct UsbIdentity(ushort VendorId, ushort ProductId)
{
    /// <summary>The iCEFARM evaluation firmwares (pulse count, variance): pico-ice-sdk + TinyUSB.</summary>
    public static UsbIdentity EvaluationFirmware { get; } = new(0x1209, 0xB1C0);

    /// <summary>The iCEFARM default firmware (pico-sdk stdio_usb).</summary>
    public static UsbIdentity DefaultFirmware { get; } = new(0x2E8A, 0x0009);

    /// <summary>The RP2350 ROM bootloader (mass storage + PICOBOOT).</summary>
    public static UsbIdentity Bootsel { get; } = new(0x2E8A, 0x000F);

    /// <summary>Whether this identity belongs to a pico2-ice in any of its modes.</summary>
    public bool IsPico2Ice => this == EvaluationFirmware || this == DefaultFirmware || this == Bootsel;

    /// <summary>Formats as <c>VVVV:PPPP</c>, as lsusb does.</summary>
    public override string ToString() => $"{VendorId:X4}:{ProductId:X4}";
}
