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

    /// <summary>End the reservation when the lease is disposed (default true; false for leases attached to someone else's reservation).</summary>
    public bool EndOnDispose { get; set; } = true;
}
