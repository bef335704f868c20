using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>
/// Opens the BOOTSEL partition's /dev node for raw, write-through writes (hardware.md §2.5): no mount, no
/// root, only write access to the node (the udev rule in docs/boards.md grants it).
/// </summary>
internal sealed class FileBlockDeviceOpener : IBlockDeviceOpener
{
    /// <inheritdoc />
    public Stream OpenForWrite(string devicePath)
    {
        try
        {
            // Write-through: the ROM reacts only to sectors that reached the device, not the page cache.
            return new FileStream(devicePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0, FileOptions.WriteThrough | FileOptions.Asynchronous);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{devicePath}: permission denied; install the udev rule from docs/boards.md so the worker may write BOOTSEL partitions", ex);
        }
    }
}
