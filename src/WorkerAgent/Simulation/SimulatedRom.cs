using IceFarm.WorkerAgent.Uf2;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The RP2350 ROM's UF2 download state (hardware.md §2.5, bootrom <c>vd_write_block</c>): every sector is
/// inspected, the LBA ignored; only well-formed blocks of an accepted family count; a change of family or
/// block count starts a new download; duplicates are ignored; the download completes when every block
/// number was seen once.
/// </summary>
internal sealed class SimulatedRom
{
    private readonly Dictionary<uint, Uf2Block> _blocks = [];
    private uint? _family;
    private uint _count;

    /// <summary>Sectors the ROM ignored since power-on (FAT sectors, foreign families, bad blocks).</summary>
    public int IgnoredSectors { get; private set; }

    /// <summary>Takes one 512-byte sector; returns the flash image once the download it completes is whole.</summary>
    public byte[]? Accept(ReadOnlySpan<byte> sector)
    {
        var block = Uf2Block.TryParse(sector);
        if (block is null || !IsAcceptable(block))
        {
            IgnoredSectors++;
            return null;
        }

        if (_family != block.FamilyOrFileSize || _count != block.BlockCount)
        {
            _blocks.Clear();
            _family = block.FamilyOrFileSize;
            _count = block.BlockCount;
        }

        _blocks.TryAdd(block.BlockNumber, block);
        if (_blocks.Count != _count)
        {
            return null;
        }

        var image = Uf2Validator.Assemble(_blocks.Values);
        Reset();
        return image;
    }

    /// <summary>Forgets a partial download (the ROM restarted or lost USB).</summary>
    public void Reset()
    {
        _blocks.Clear();
        _family = null;
        _count = 0;
    }

    private static bool IsAcceptable(Uf2Block block) =>
        block.Has(Uf2Flags.FamilyIdPresent)
        && !block.Has(Uf2Flags.NotMainFlash)
        && !block.IsE10AbsoluteBlock
        && block.PayloadSize == Uf2Writer.PayloadSize
        && block.TargetAddress % Uf2Writer.PayloadSize == 0
        && Uf2Families.IsInFlash(block.TargetAddress)
        && block.BlockNumber < block.BlockCount
        && Uf2Families.IsBootableOnRp2350(block.FamilyOrFileSize);
}
