namespace IceFarm.WorkerAgent.Boards;

/// <summary>Finds the pico2-ice boards attached to this host (real: sysfs walk; simulated: the simulated farm).</summary>
internal interface IBoardDiscovery
{
    /// <summary>Lists the boards present now, one entry per serial.</summary>
    ValueTask<IReadOnlyList<DiscoveredBoard>> ScanAsync(CancellationToken cancellationToken);

    /// <summary>The board with <paramref name="serial"/> as <see cref="ScanAsync"/> would list it, or null; reads only what it needs.</summary>
    ValueTask<DiscoveredBoard?> FindAsync(string serial, CancellationToken cancellationToken);
}
