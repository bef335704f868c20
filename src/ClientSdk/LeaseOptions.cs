namespace IceFarm.Client;

/// <summary>How a <see cref="Lease"/> looks after its reservation.</summary>
public sealed class LeaseOptions
{
    /// <summary>
    /// Extend the reservation in the background while this process lives (default true). A killed process stops
    /// extending, so its boards return to the farm when the lease runs out instead of staying reserved.
    /// </summary>
    public bool AutoExtend { get; set; } = true;

    /// <summary>How far each extension reaches (now plus this); the reservation's own duration, or the farm's default, when null.</summary>
    public TimeSpan? ExtendBy { get; set; }

    /// <summary>
    /// The keepalive TTL asked for with the reservation (default 60 s; null turns it off). While the process lives the lease
    /// renews it every third of the TTL, retrying quickly on failures; when the process is killed, crashes or is suspended,
    /// the renewals stop and the farm ends the reservation one TTL later, so its boards come back within about a minute
    /// instead of at the end of the lease's duration (which stays the upper bound). Only asked for when
    /// <see cref="AutoExtend"/> is true: without the background loop nothing would renew it.
    /// </summary>
    public TimeSpan? KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Ask the farm to replace a board that goes Broken or Bad with a healthy one of the same kind (default true). The
    /// replacement appears as <see cref="Events.LeaseDeviceReplaced"/> and joins throughput-mode runs; reservations of
    /// named boards are never replaced.
    /// </summary>
    public bool ReplaceFailedBoards { get; set; } = true;

    /// <summary>End the reservation when the lease is disposed (default true; false for leases attached to someone else's reservation).</summary>
    public bool EndOnDispose { get; set; } = true;
}
