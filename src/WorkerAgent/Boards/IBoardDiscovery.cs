namespace IceFarm.WorkerAgent.Boards;

/// <summary>Finds the pico2-ice boards attached to this host (real: sysfs walk; simulated: the simulated farm).</summary>
internal interface IBoardDiscovery
{
    /// <summary>Lists the boards present now, one entry per serial.</summary>
    ValueTask<IReadOnlyList<DiscoveredBoard>> ScanAsync(CancellationToken cancellationToken);
}
