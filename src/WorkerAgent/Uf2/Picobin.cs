using System.Buffers.Binary;

namespace IceFarm.WorkerAgent.Uf2;

/// <summary>
/// The RP2350 boot metadata check (hardware.md §3.4, deep check): the ROM boots an image only if a
/// picobin block with an IMAGE_TYPE item sits within its first 4 KiB.
/// </summary>
internal static class Picobin
{
    /// <summary>Block start marker.</summary>
    public const uint StartMarker = 0xFFFFDED3;

    /// <summary>Block end marker.</summary>
    public const uint EndMarker = 0xAB123579;

    /// <summary>Item type of IMAGE_TYPE.</summary>
    public const byte ImageTypeItem = 0x42;

    /// <summary>How far into the image the ROM looks.</summary>
    public const int SearchWindow = 4096;

    /// <summary>Whether <paramref name="image"/> (flash contents from the base address) carries an image definition.</summary>
    public static bool HasImageDefinition(ReadOnlySpan<byte> image)
    {
        var window = image[..Math.Min(image.Length, SearchWindow)];
        for (var offset = 0; offset + 12 <= window.Length; offset += 4)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(window[offset..]) != StartMarker
                || window[offset + 4] != ImageTypeItem)
            {
                continue;
            }

            for (var end = offset + 8; end + 4 <= window.Length; end += 4)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(window[end..]) == EndMarker)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A minimal block: start marker, IMAGE_TYPE (Arm secure exe), LAST item, link 0, end marker.</summary>
    public static byte[] MinimalBlock()
    {
        var block = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(block, StartMarker);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), 0x1021_0142); // IMAGE_TYPE, size 1, exe | arm | rp2350
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(8), 0x0000_01FF);  // LAST item, size 1
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(12), 0);           // relative link to next block: none
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(16), EndMarker);
        return block;
    }
}
