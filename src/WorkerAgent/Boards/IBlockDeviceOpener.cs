namespace IceFarm.WorkerAgent.Boards;

/// <summary>Opens a BOOTSEL partition's block device for raw writing (real: the /dev node; simulated: the ROM).</summary>
internal interface IBlockDeviceOpener
{
    /// <summary>A write-through stream onto <paramref name="devicePath"/>; <see cref="IOException"/> if the node is gone.</summary>
    Stream OpenForWrite(string devicePath);
}
