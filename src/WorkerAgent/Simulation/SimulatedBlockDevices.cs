using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The simulated farm's BOOTSEL partitions as block devices.</summary>
internal sealed class SimulatedBlockDevices(SimulatedFarm farm) : IBlockDeviceOpener
{
    /// <inheritdoc />
    public Stream OpenForWrite(string devicePath)
    {
        foreach (var board in farm.Boards)
        {
            if (board.TryOpenBlockDevice(devicePath) is { } stream)
            {
                return stream;
            }
        }

        throw new IOException($"{devicePath}: No such device or address");
    }
}
