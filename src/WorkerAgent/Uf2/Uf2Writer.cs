namespace IceFarm.WorkerAgent.Uf2;

/// <summary>Turns a flash image into UF2 blocks of 256-byte payloads, as picotool does (hardware.md §3).</summary>
internal static class Uf2Writer
{
    /// <summary>Payload bytes per block for RP2xxx targets.</summary>
    public const int PayloadSize = 256;

    /// <summary>
    /// The UF2 file of <paramref name="image"/> linked at <paramref name="baseAddress"/>, optionally
    /// preceded by the RP2350-E10 absolute block that picotool's <c>--abs-block</c> prepends.
    /// </summary>
    public static byte[] Write(ReadOnlySpan<byte> image, uint family, uint baseAddress = Uf2Families.FlashBase, bool absoluteBlock = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(image.Length);
        var count = (image.Length + PayloadSize - 1) / PayloadSize;
        var extra = absoluteBlock ? 1 : 0;
        var file = new byte[(count + extra) * Uf2Block.Size];
        if (absoluteBlock)
        {
            AbsoluteBlock().WriteTo(file);
        }

        for (var i = 0; i < count; i++)
        {
            var data = new byte[Uf2Block.DataSize];
            var slice = image.Slice(i * PayloadSize, Math.Min(PayloadSize, image.Length - (i * PayloadSize)));
            slice.CopyTo(data);
            var block = new Uf2Block(
                Uf2Flags.FamilyIdPresent, baseAddress + (uint)(i * PayloadSize), PayloadSize, (uint)i, (uint)count, family, data);
            block.WriteTo(file.AsSpan((i + extra) * Uf2Block.Size, Uf2Block.Size));
        }

        return file;
    }

    /// <summary>picotool's E10 block: 256 × 0xEF, then the IGNORE_BLOCK tag, family ABSOLUTE, numBlocks 2.</summary>
    public static Uf2Block AbsoluteBlock()
    {
        var data = new byte[Uf2Block.DataSize];
        data.AsSpan(0, PayloadSize).Fill(0xEF);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(PayloadSize), Uf2Flags.IgnoreBlockTag);
        return new Uf2Block(
            Uf2Flags.FamilyIdPresent | Uf2Flags.ExtensionTagsPresent, 0x10FFFF00, PayloadSize, 0, 2, Uf2Families.Absolute, data);
    }
}
