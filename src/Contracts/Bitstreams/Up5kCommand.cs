namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// Opcodes of the iCE40 configuration command stream (hardware.md §4.1). A command byte carries the
/// opcode in its high nibble and the payload length in its low nibble.
/// </summary>
internal static class Up5kCommand
{
    public const int Special = 0x0;
    public const int SetBank = 0x1;
    public const int CrcCheck = 0x2;
    public const int BootAddress = 0x4;
    public const int OscillatorRange = 0x5;
    public const int WidthMinusOne = 0x6;
    public const int Height = 0x7;
    public const int Offset = 0x8;
    public const int Features = 0x9;

    // Payload values of the special opcode 0.
    public const int WriteCram = 0x1;
    public const int WriteBram = 0x3;
    public const int ResetCrc = 0x5;
    public const int Wakeup = 0x6;

    /// <summary>The synchronisation word that starts the command stream.</summary>
    public static ReadOnlySpan<byte> Preamble => [0x7E, 0xAA, 0x99, 0x7E];

    /// <summary>The empty comment section icepack writes before the preamble.</summary>
    public static ReadOnlySpan<byte> EmptyComment => [0xFF, 0x00, 0x00, 0xFF];
}
