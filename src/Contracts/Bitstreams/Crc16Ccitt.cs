namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// CRC-16/CCITT as the iCE40 configuration logic computes it (hardware.md §4.3): polynomial 0x1021,
/// MSB first, no reflection, no final XOR. Because nothing is reflected or XORed at the end, feeding
/// the CRC's own two bytes (high first) after the data leaves a residue of 0, which is what the
/// FPGA's <c>22</c> command checks.
/// </summary>
internal static class Crc16Ccitt
{
    /// <summary>The value the <c>01 05</c> command resets the CRC to.</summary>
    public const ushort Initial = 0xFFFF;

    private const int Slices = 8;

    // Slicing-by-8: table k holds the CRC of a byte followed by k zero bytes, so eight bytes cost eight
    // independent look-ups instead of a chain of eight dependent ones; a 104 KB bitstream is checked
    // in tens of microseconds, which matters because every upload is validated before it is queued.
    private static readonly ushort[] Tables = BuildTables();

    /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/>.</summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ushort> t = Tables;
        while (data.Length >= Slices)
        {
            // The register is equivalent to XORing its two bytes into the next two message bytes.
            crc = (ushort)(
                t[(7 * 256) + (data[0] ^ (crc >> 8))] ^ t[(6 * 256) + (data[1] ^ (crc & 0xFF))] ^
                t[(5 * 256) + data[2]] ^ t[(4 * 256) + data[3]] ^
                t[(3 * 256) + data[4]] ^ t[(2 * 256) + data[5]] ^
                t[256 + data[6]] ^ t[data[7]]);
            data = data[Slices..];
        }

        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ t[(crc >> 8) ^ b]);
        }

        return crc;
    }

    /// <summary>The CRC of <paramref name="data"/> from a fresh reset.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Update(Initial, data);

    private static ushort[] BuildTables()
    {
        var tables = new ushort[Slices * 256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            tables[i] = crc;
        }

        for (var slice = 1; slice < Slices; slice++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[((slice - 1) * 256) + i];
                tables[(slice * 256) + i] = (ushort)((previous << 8) ^ tables[previous >> 8]);
            }
        }

        return tables;
    }
}
