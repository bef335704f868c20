using IceFarm.WorkerAgent.Uf2;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>A firmware image ready to be written to a board in BOOTSEL.</summary>
/// <param name="Kind">Which firmware it is.</param>
/// <param name="Name">File name, for logs and reasons.</param>
/// <param name="Uf2">The UF2 file's bytes (512-byte blocks).</param>
internal sealed record FirmwareImage(FirmwareKind Kind, string Name, ReadOnlyMemory<byte> Uf2)
{
    /// <summary>The image, after checking it the way the ROM would (hardware.md §3.4); throws <see cref="InvalidDataException"/> otherwise.</summary>
    public static FirmwareImage Validated(FirmwareKind kind, string name, ReadOnlyMemory<byte> uf2)
    {
        var validation = Uf2Validator.Validate(uf2.Span);
        if (!validation.IsValid)
        {
            throw new InvalidDataException($"Firmware image {name} ({kind}) is not a UF2 the RP2350 would boot: {validation.Describe()}.");
        }

        return new FirmwareImage(kind, name, uf2);
    }
}
