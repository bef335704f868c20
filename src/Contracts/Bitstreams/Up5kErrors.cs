namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// The validator's messages. Each names what was found, where, and the likely cause, because the
/// person reading it usually has a toolchain to fix, not a hex dump to study.
/// </summary>
internal static class Up5kErrors
{
    private const int Size = Ice40Bitstream.Up5kSize;

    public static string WrongSize(int length) => length switch
    {
        0 => $"expected {Size:N0} bytes, got an empty file",
        Up5kGeometry.SizeWithoutBram =>
            $"expected {Size:N0} bytes, got {length:N0} (a bitstream built with icepack -n? it skips BRAM initialisation; rebuild without -n)",
        < Size => $"expected {Size:N0} bytes, got {length:N0} (truncated? the firmware waits for all {Size:N0} bytes and times out)",
        _ => $"expected {Size:N0} bytes, got {length:N0} ({length - Size:N0} too many: a Lattice-tool bitstream with a comment, a non-UP5K device, or several images concatenated? the surplus would corrupt the next transfer)",
    };

    public static string UnterminatedComment(int searched)
        => $"the comment section opened by FF 00 at offset 0 is not closed by 00 FF within {searched:N0} bytes";

    public static string MissingPreamble(int offset)
        => $"missing preamble 7E AA 99 7E at offset {offset} (not an iCE40 bitstream, or an ASCII .asc file instead of the binary .bin?)";

    public static string LongPayload(byte command, int at)
        => $"command byte 0x{command:X2} at offset {at} claims a {command & 0x0F}-byte payload; no iCE40 command takes more than 4 (corrupt command stream)";

    public static string CommandOverrun(byte command, int at)
        => $"command 0x{command:X2} at offset {at} runs past the end of the file (truncated?)";

    public static string UnknownOpcode(byte command, int at)
        => $"unknown opcode 0x{command >> 4:X} (command byte 0x{command:X2}) at offset {at} (corrupt command stream)";

    public static string UnknownSpecial(long payload, int at) => payload switch
    {
        8 => $"reboot command 01 08 at offset {at}: a multi-boot image is not a single UP5K configuration",
        2 or 4 => $"BRAM read command 01 {payload:X2} at offset {at} does not belong in a configuration image",
        _ => $"unknown command 0x{payload:X2} for opcode 0 at offset {at} (corrupt command stream)",
    };

    public static string StrayZero(int at)
        => $"unexpected zero byte in the command stream at offset {at}, with more commands after it (corrupt command stream)";

    public static string OscillatorRange(long payload, int at)
        => $"unknown oscillator range {payload} at offset {at} (expected 0 low, 1 medium or 2 high)";

    public static string NoSuchBank(long bank, int at)
        => $"CRAM data at offset {at} targets bank {bank}, but an UP5K has banks 0-3";

    public static string BankTwice(long bank, int at)
        => $"CRAM bank {bank} is written a second time at offset {at} (several images concatenated?)";

    public static string WrongWidth(long width)
        => $"CRAM width {width} is not an UP5K (692): this bitstream is for {Up5kGeometry.DeviceForCramWidth(width)}; rebuild it for the up5k (nextpnr-ice40 --up5k --package sg48)";

    public static string WrongHeight(long bank, long height, int expected)
        => $"CRAM bank {bank} height {height} is not an UP5K's ({expected}); rebuild the bitstream for the up5k";

    public static string BadBlockShape(long width, long height, int at)
        => $"data command at offset {at} uses a {width}x{height}-bit block, which is not a whole number of bytes (width or height never set?)";

    public static string DataOverrun(int offset, long length, int remaining)
        => $"data block overruns the file at offset {offset}: it needs {length:N0} bytes plus the 00 00 terminator, but only {remaining:N0} remain (corrupt width or height?)";

    public static string MissingTerminator(int offset, int end)
        => $"data block at offset {offset} is not followed by 00 00 at offset {end} (corrupt width or height?)";

    public static string CrcPayload(byte command, int at)
        => $"CRC check command 0x{command:X2} at offset {at} must carry a 2-byte value (22 hi lo)";

    public static string CrcWithoutReset(int at)
        => $"CRC check at offset {at} comes before any CRC reset 01 05 (corrupt command stream)";

    public static string CrcMismatch(int at, ushort stored, ushort computed)
        => $"CRC mismatch at offset {at}: the file says 0x{stored:X4}, its contents give 0x{computed:X4}; the bitstream was corrupted in storage or transfer";

    public static string WakeupWithoutCrc(int at)
        => $"wakeup command 01 06 at offset {at} does not follow a CRC check 22 hi lo, so the configuration would load unchecked";

    public static string MissingBank(int bank)
        => $"CRAM bank {bank} is never written: the configuration is incomplete";

    public static string MissingWakeup(int lastCrcCheck, int end) => lastCrcCheck < 0
        ? $"missing CRC check 22 hi lo and wakeup command 01 06: the command stream ends at offset {end} (truncated?)"
        : $"missing wakeup command 01 06 after the CRC check at offset {lastCrcCheck}: the FPGA would never start";

    public static string DataAfterWakeup(int wakeupAt, int strayAt, int trailing)
        => $"unexpected data at offset {strayAt} after the wakeup command at offset {wakeupAt} ({trailing} trailing bytes; several images concatenated?)";
}
