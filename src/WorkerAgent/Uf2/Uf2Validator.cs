namespace IceFarm.WorkerAgent.Uf2;

/// <summary>
/// The cheap, pure validation of hardware.md §3.4: everything the RP2350 ROM would silently ignore is a
/// hard error here, because an ignored image leaves the board in BOOTSEL.
/// </summary>
internal static class Uf2Validator
{
    /// <summary>Validates <paramref name="file"/> for a pico2-ice; <paramref name="requireImageDefinition"/> adds the picobin check.</summary>
    public static Uf2Validation Validate(ReadOnlySpan<byte> file, bool requireImageDefinition = true)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        if (file.Length == 0 || file.Length % Uf2Block.Size != 0)
        {
            errors.Add($"length {file.Length} is not a positive multiple of {Uf2Block.Size}");
            return new Uf2Validation(errors, warnings, null, 0);
        }

        var main = new List<Uf2Block>();
        for (var i = 0; i < file.Length / Uf2Block.Size; i++)
        {
            var block = Uf2Block.TryParse(file.Slice(i * Uf2Block.Size, Uf2Block.Size));
            if (block is null)
            {
                errors.Add($"block {i} has a bad magic");
                continue;
            }

            if (block.Has(Uf2Flags.NotMainFlash) || block.IsE10AbsoluteBlock)
            {
                continue;
            }

            CheckBlock(i, block, errors, warnings);
            main.Add(block);
        }

        if (main.Count == 0)
        {
            errors.Add("no block targets main flash");
            return new Uf2Validation(errors, warnings, null, 0);
        }

        var family = main[0].FamilyOrFileSize;
        CheckSequence(main, family, errors);
        if (requireImageDefinition && errors.Count == 0 && !Picobin.HasImageDefinition(Assemble(main)))
        {
            errors.Add("no picobin IMAGE_DEF in the first 4 KiB: the RP2350 ROM would not boot it");
        }

        return new Uf2Validation(errors, warnings, family, main.Count);
    }

    /// <summary>The flash contents of contiguous blocks, from the lowest address.</summary>
    public static byte[] Assemble(IReadOnlyCollection<Uf2Block> blocks)
    {
        var start = blocks.Min(b => b.TargetAddress);
        var end = blocks.Max(b => b.TargetAddress + b.PayloadSize);
        var image = new byte[end - start];
        foreach (var block in blocks)
        {
            block.Payload.CopyTo(image.AsSpan((int)(block.TargetAddress - start)));
        }

        return image;
    }

    private static void CheckBlock(int index, Uf2Block block, List<string> errors, List<string> warnings)
    {
        if (!block.Has(Uf2Flags.FamilyIdPresent))
        {
            errors.Add($"block {index} has no family id");
        }
        else if (!Uf2Families.IsBootableOnRp2350(block.FamilyOrFileSize))
        {
            errors.Add($"block {index} has family 0x{block.FamilyOrFileSize:X8}, which the RP2350 ROM ignores");
        }

        if (block.PayloadSize != Uf2Writer.PayloadSize)
        {
            errors.Add($"block {index} carries {block.PayloadSize} payload bytes, not 256");
        }

        if (block.TargetAddress % Uf2Writer.PayloadSize != 0)
        {
            errors.Add($"block {index} targets 0x{block.TargetAddress:X8}, which is not 256-aligned");
        }

        if (!Uf2Families.IsInFlash(block.TargetAddress))
        {
            errors.Add($"block {index} targets 0x{block.TargetAddress:X8}, outside the 4 MiB flash");
        }

        if (block.BlockNumber >= block.BlockCount)
        {
            errors.Add($"block {index} is number {block.BlockNumber} of {block.BlockCount}");
        }

        var tail = block.Data.Span[(int)Math.Min(block.PayloadSize, Uf2Block.DataSize)..];
        if (!block.Has(Uf2Flags.Md5Present) && !block.Has(Uf2Flags.ExtensionTagsPresent) && tail.IndexOfAnyExcept((byte)0) >= 0)
        {
            warnings.Add($"block {index} has bytes after its payload");
        }
    }

    private static void CheckSequence(List<Uf2Block> main, uint family, List<string> errors)
    {
        var count = main[0].BlockCount;
        if (main.Any(b => b.FamilyOrFileSize != family))
        {
            errors.Add("blocks of more than one family target main flash");
        }

        if (main.Any(b => b.BlockCount != count))
        {
            errors.Add("numBlocks is not the same in every block");
            return;
        }

        var numbers = main.Select(b => b.BlockNumber).ToList();
        if (numbers.Count != numbers.Distinct().Count())
        {
            errors.Add("some block numbers appear twice");
        }

        if (numbers.Distinct().Count() != count || numbers.Any(n => n >= count))
        {
            errors.Add($"blocks 0..{count - 1} are not all present (found {numbers.Distinct().Count()})");
        }
    }
}
