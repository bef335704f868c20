using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>Discovery over the simulated farm: what sysfs would list right now.</summary>
internal sealed class SimulatedBoardDiscovery(SimulatedFarm farm) : IBoardDiscovery
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DiscoveredBoard>> ScanAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<DiscoveredBoard> present = [.. farm.Boards.Select(b => b.Describe()).OfType<DiscoveredBoard>()];
        return ValueTask.FromResult(present);
    }
}
