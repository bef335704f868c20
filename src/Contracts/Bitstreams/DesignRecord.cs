using System.Buffers.Binary;

namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// The small record that carries a <see cref="CircuitDesign"/> at the start of CRAM bank 0's data,
/// where the simulated FPGA finds it after "configuration". Layout (big-endian, like the stream):
/// <code>
///  0  4  magic "IFCD" (IceFarm circuit design)
///  4  1  format version (1)
///  5  1  wave shape (WaveShape as a byte)
///  6  4  clock divider: the circuit emits one edge every divider + 1 cycles of 48 MHz
/// 10  2  amplitude, ADC counts 0–4095
/// 12  4  seed (two's complement)
/// 16  2  CRC-16/CCITT of bytes 0–15
/// </code>
/// The record has its own checksum because the stream CRC only proves the bytes arrived intact, not
/// that they were written by this generator; a real design's CRAM must never be misread as a record.
/// </summary>
internal static class DesignRecord
{
    public const int Size = 18;
    public const byte CurrentVersion = 1;
    public const int MaxAmplitude = 4095;

    private const int ChecksummedLength = Size - 2;

    private static ReadOnlySpan<byte> Magic => "IFCD"u8;

    /// <summary>Writes the record of a design whose arguments are already checked.</summary>
    public static void Write(Span<byte> destination, uint divider, WaveShape shape, int amplitude, int seed)
    {
        var record = destination[..Size];
        Magic.CopyTo(record);
        record[4] = CurrentVersion;
        record[5] = (byte)shape;
        BinaryPrimitives.WriteUInt32BigEndian(record[6..], divider);
        BinaryPrimitives.WriteUInt16BigEndian(record[10..], (ushort)amplitude);
        BinaryPrimitives.WriteInt32BigEndian(record[12..], seed);
        BinaryPrimitives.WriteUInt16BigEndian(record[ChecksummedLength..], Crc16Ccitt.Compute(record[..ChecksummedLength]));
    }

    /// <summary>The design in <paramref name="cramBank0"/>, or null when it holds no intact record.</summary>
    public static CircuitDesign? TryRead(ReadOnlySpan<byte> cramBank0)
    {
        if (cramBank0.Length < Size)
        {
            return null;
        }

        var record = cramBank0[..Size];
        if (!record.StartsWith(Magic) || record[4] != CurrentVersion)
        {
            return null;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(record[ChecksummedLength..]) != Crc16Ccitt.Compute(record[..ChecksummedLength]))
        {
            return null;
        }

        var shape = (WaveShape)record[5];
        var amplitude = BinaryPrimitives.ReadUInt16BigEndian(record[10..]);
        if (!Enum.IsDefined(shape) || amplitude > MaxAmplitude)
        {
            return null;
        }

        var divider = BinaryPrimitives.ReadUInt32BigEndian(record[6..]);
        var seed = BinaryPrimitives.ReadInt32BigEndian(record[12..]);
        return new CircuitDesign(ClockDivider.ToFrequency(divider), shape, amplitude, seed);
    }
}
