using IceFarm.WorkerAgent.Uf2;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Flashes without mounting (hardware.md §2.5): the ROM ignores the LBA and inspects every sector, so the
/// UF2's blocks written in order onto the partition's block device are a download. Needs only write access
/// to the node (a udev rule), no mount and no root.
/// </summary>
internal sealed class BlockDeviceBootloaderWriter(IBlockDeviceOpener devices) : IBootloaderWriter
{
    // Whole sectors per write: the kernel passes them on as they are, and the ROM reads 512-byte blocks.
    private const int ChunkBytes = 32 * Uf2Block.Size;

    /// <inheritdoc />
    public async Task WriteAsync(string serial, string volume, FirmwareImage image, CancellationToken cancellationToken)
    {
        var validation = Uf2Validator.Validate(image.Uf2.Span);
        if (!validation.IsValid)
        {
            // Validated again here because a ROM that ignores the file leaves the board in BOOTSEL for good.
            throw new InvalidDataException($"{image.Name} was not written to board {serial}: {validation.Describe()}");
        }

        await using var device = devices.OpenForWrite(volume);
        for (var offset = 0; offset < image.Uf2.Length; offset += ChunkBytes)
        {
            var chunk = image.Uf2.Slice(offset, Math.Min(ChunkBytes, image.Uf2.Length - offset));
            await device.WriteAsync(chunk, cancellationToken);
        }

        // The ROM sees only what reached the device; flush before waiting for the reboot.
        await device.FlushAsync(cancellationToken);
    }
}
