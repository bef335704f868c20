namespace IceFarm.Contracts.Tests.Bitstreams;

/// <summary>
/// Where things lie in an icepack UP5K bitstream, computed by hand from hardware.md §4.2 rather than
/// taken from the production code, so the tests check the generator against the document.
/// </summary>
internal static class Up5kTestLayout
{
    public const int Size = 104_090;

    /// <summary>The first byte the CRC covers: just after <c>01 05</c> at offsets 10–11.</summary>
    public const int CrcStart = 12;

    /// <summary>CRAM bank 0's data: after the 21-byte header and <c>72 01 50 11 00 01 01</c>.</summary>
    public const int Bank0Data = 28;

    public const int Bank1Section = 29_094;
    public const int Bank2Section = 44_327;
    public const int Bank3Section = 73_400;
    public const int BramSection = 88_633;

    /// <summary>The <c>62 00 4F</c> width command of bank 3's second BRAM chunk.</summary>
    public const int LastBramWidth = 102_797;

    public const int CrcCommand = 104_084;
    public const int Wakeup = 104_087;
    public const int Pad = 104_089;

    /// <summary>icepack's header as observed on iCEFARM's sample (hardware.md §4.2).</summary>
    public static readonly byte[] ObservedHeader =
    [
        0xFF, 0x00, 0x00, 0xFF, 0x7E, 0xAA, 0x99, 0x7E, 0x51, 0x00, 0x01, 0x05, 0x92, 0x00,
        0x20, 0x62, 0x02, 0xB3, 0x82, 0x00, 0x00, 0x72, 0x01, 0x50, 0x11, 0x00, 0x01, 0x01,
    ];

    /// <summary>CRC-16/CCITT bit by bit, as icepack's <c>update_crc16</c> does; independent of the table-driven one.</summary>
    public static ushort ReferenceCrc(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            for (var i = 7; i >= 0; i--)
            {
                var feedback = ((crc >> 15) ^ (b >> i)) & 1;
                crc = (ushort)((crc << 1) ^ (feedback != 0 ? 0x1021 : 0));
            }
        }

        return crc;
    }

    /// <summary>Rewrites the <c>22</c> check so a deliberately edited bitstream passes the CRC again.</summary>
    public static byte[] Resign(byte[] bitstream, int crcCommand = CrcCommand)
    {
        if (bitstream[crcCommand] != 0x22)
        {
            throw new InvalidOperationException($"no CRC command at offset {crcCommand}");
        }

        var crc = ReferenceCrc(bitstream.AsSpan(CrcStart, crcCommand + 1 - CrcStart));
        bitstream[crcCommand + 1] = (byte)(crc >> 8);
        bitstream[crcCommand + 2] = (byte)crc;
        return bitstream;
    }

    /// <summary>A copy with <paramref name="replacement"/> written at <paramref name="offset"/>.</summary>
    public static byte[] With(byte[] bitstream, int offset, params byte[] replacement)
    {
        var copy = (byte[])bitstream.Clone();
        replacement.CopyTo(copy, offset);
        return copy;
    }
}
