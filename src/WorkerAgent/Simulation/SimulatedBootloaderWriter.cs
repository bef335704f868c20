using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>Hands UF2 images to the simulated ROM, where the real writer would write sectors to the block device.</summary>
internal sealed class SimulatedBootloaderWriter(SimulatedFarm farm) : IBootloaderWriter
{
    /// <inheritdoc />
    public Task WriteAsync(string serial, string volume, FirmwareImage image, CancellationToken cancellationToken)
    {
        var board = farm.FindBySerial(serial) ?? throw new IOException($"{volume}: No such device");
        return board.WriteUf2Async(volume, image, cancellationToken);
    }
}
