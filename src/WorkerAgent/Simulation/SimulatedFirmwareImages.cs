using System.Text;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Uf2;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// Small generated flash images that the simulated ROM really parses: a picobin block (so the ROM boots
/// them) and a tag naming the firmware (so the simulated board knows what it runs), padded to a
/// realistic size with deterministic filler.
/// </summary>
internal static class SimulatedFirmwareImages
{
    private const string TagPrefix = "ICEFARM-SIM-FIRMWARE:";
    private const int TagOffset = 0x200;

    /// <summary>The flash image of <paramref name="kind"/>; <paramref name="bootable"/> false leaves out the picobin block.</summary>
    public static byte[] Build(FirmwareKind kind, bool bootable = true)
    {
        var size = kind == FirmwareKind.Default ? 48 * 1024 : 80 * 1024;
        var image = new byte[size];
        new Random((int)kind + 17).NextBytes(image);
        image.AsSpan(0, Picobin.SearchWindow).Clear();
        if (bootable)
        {
            Picobin.MinimalBlock().CopyTo(image.AsSpan(0x110));
        }

        Encoding.ASCII.GetBytes(TagPrefix + kind + "\0").CopyTo(image.AsSpan(TagOffset));
        return image;
    }

    /// <summary>The UF2 file of <paramref name="kind"/> (RP2350 Arm secure), as the catalog hands it out.</summary>
    public static byte[] BuildUf2(FirmwareKind kind, bool absoluteBlock = false)
        => Uf2Writer.Write(Build(kind), Uf2Families.Rp2350ArmSecure, absoluteBlock: absoluteBlock);

    /// <summary>What the ROM finds when it boots <paramref name="flash"/>: the firmware, or null when it would not boot.</summary>
    public static FirmwareKind? Identify(ReadOnlySpan<byte> flash)
    {
        if (!Picobin.HasImageDefinition(flash) || flash.Length < TagOffset + 64)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(flash.Slice(TagOffset, 64));
        if (!text.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = text[TagPrefix.Length..text.IndexOf('\0', StringComparison.Ordinal)];
        return Enum.TryParse<FirmwareKind>(name, out var kind) ? kind : null;
    }
}
