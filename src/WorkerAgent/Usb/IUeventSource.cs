namespace IceFarm.WorkerAgent.Usb;

/// <summary>Hot-plug events (real: netlink or sysfs polling; simulated: the simulated bus), in arrival order.</summary>
/// <remarks>
/// Events are hints, not truth: they may come twice, out of order, or not at all (hardware.md §8.5 #5),
/// so a consumer rescans sysfs on each one instead of trusting its content.
/// </remarks>
internal interface IUeventSource
{
    /// <summary>Yields events until <paramref name="cancellationToken"/> fires.</summary>
    IAsyncEnumerable<Uevent> ListenAsync(CancellationToken cancellationToken);
}
