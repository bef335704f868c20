namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Writes a UF2 image to a board sitting in BOOTSEL. The real one writes 512-byte sectors to the
/// block device (hardware.md §2.5); the simulated one hands the image to the simulated ROM.
/// </summary>
internal interface IBootloaderWriter
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="volume"/>; returns once the last block is written.</summary>
    Task WriteAsync(string serial, string volume, FirmwareImage image, CancellationToken cancellationToken);
}
