using System.Buffers.Binary;

namespace IceFarm.WorkerAgent.Uf2;

/// <summary>One 512-byte UF2 block (hardware.md §3.1); every field little-endian.</summary>
/// <param name="Flags">Block flags (<see cref="Uf2Flags"/>).</param>
/// <param name="TargetAddress">Where the payload goes in the target's address space.</param>
/// <param name="PayloadSize">Payload bytes at the start of <paramref name="Data"/> (RP2xxx: 256).</param>
/// <param name="BlockNumber">0-based index within its logical file.</param>
/// <param name="BlockCount">Blocks in its logical file.</param>
/// <param name="FamilyOrFileSize">Family id when <see cref="Uf2Flags.FamilyIdPresent"/> is set, otherwise the file size.</param>
/// <param name="Data">The 476 data bytes (payload first).</param>
internal sealed record Uf2Block(
    uint Flags, uint TargetAddress, uint PayloadSize, uint BlockNumber, uint BlockCount, uint FamilyOrFileSize, ReadOnlyMemory<byte> Data)
{
    /// <summary>Size of a block, and of the sector it is written to.</summary>
    public const int Size = 512;

    /// <summary>Bytes of the data area.</summary>
    public const int DataSize = 476;

    /// <summary>"UF2\n".</summary>
    public const uint MagicStart0 = 0x0A324655;

    /// <summary>Second start magic.</summary>
    public const uint MagicStart1 = 0x9E5D5157;

    /// <summary>End magic.</summary>
    public const uint MagicEnd = 0x0AB16F30;

    /// <summary>Whether <paramref name="flag"/> is set.</summary>
    public bool Has(uint flag) => (Flags & flag) == flag;

    /// <summary>The payload bytes.</summary>
    public ReadOnlySpan<byte> Payload => Data.Span[..(int)Math.Min(PayloadSize, DataSize)];

    /// <summary>Parses a sector; null when any of the three magics is wrong (a FAT or directory sector, or garbage).</summary>
    public static Uf2Block? TryParse(ReadOnlySpan<byte> sector)
    {
        if (sector.Length != Size
            || BinaryPrimitives.ReadUInt32LittleEndian(sector) != MagicStart0
            || BinaryPrimitives.ReadUInt32LittleEndian(sector[4..]) != MagicStart1
            || BinaryPrimitives.ReadUInt32LittleEndian(sector[508..]) != MagicEnd)
        {
            return null;
        }

        return new Uf2Block(
            BinaryPrimitives.ReadUInt32LittleEndian(sector[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(sector[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(sector[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(sector[20..]),
            BinaryPrimitives.ReadUInt32LittleEndian(sector[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(sector[28..]),
            sector[32..508].ToArray());
    }

    /// <summary>Writes the block into a 512-byte <paramref name="sector"/>.</summary>
    public void WriteTo(Span<byte> sector)
    {
        sector[..Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(sector, MagicStart0);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[4..], MagicStart1);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[8..], Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[12..], TargetAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[16..], PayloadSize);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[20..], BlockNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[24..], BlockCount);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[28..], FamilyOrFileSize);
        Data.Span[..Math.Min(Data.Length, DataSize)].CopyTo(sector[32..]);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[508..], MagicEnd);
    }

    /// <summary>Whether this is picotool's RP2350-E10 absolute block (hardware.md §3.3), which a loader skips.</summary>
    public bool IsE10AbsoluteBlock =>
        Flags == (Uf2Flags.FamilyIdPresent | Uf2Flags.ExtensionTagsPresent)
        && FamilyOrFileSize == Uf2Families.Absolute
        && TargetAddress == 0x10FFFF00
        && BlockNumber == 0
        && BlockCount == 2
        && PayloadSize == 256
        && Data.Span[..256].IndexOfAnyExcept((byte)0xEF) < 0
        && BinaryPrimitives.ReadUInt32LittleEndian(Data.Span[256..]) == Uf2Flags.IgnoreBlockTag;
}
