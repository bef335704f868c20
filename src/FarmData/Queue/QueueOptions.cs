using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.FarmData.Queue;

/// <summary>The farm-wide wait queue (docs/scheduling.md).</summary>
internal sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Each full step of waiting raises a request's priority by one, so a low priority is delayed, never starved.</summary>
    public TimeSpan AgingStep { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long requests behind a waiting request may be served before it (backfill). Once a request has waited this long,
    /// nobody behind it is served until it is: boards that free up collect for it.
    /// </summary>
    public TimeSpan BackfillWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a replica renews its presence, serves the line and looks at the requests it holds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a replica says it is alive.</summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A replica not seen for this long is gone: the requests it held leave the line.</summary>
    public TimeSpan HolderTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A worker online for less than this may still be announcing its boards (they appear one by one at start-up), so a
    /// request for more boards than the farm knows is not refused as impossible while one is this new.
    /// </summary>
    public TimeSpan NewWorkerGrace { get; set; } = TimeSpan.FromMinutes(1);

    [MustBeTrue(ErrorMessage = "Queue: AgingStep, BackfillWindow and PollInterval must be positive, and HolderTimeout at least three PresenceIntervals.")]
    public bool Valid => AgingStep > TimeSpan.Zero && BackfillWindow >= TimeSpan.Zero && PollInterval > TimeSpan.Zero
        && PresenceInterval > TimeSpan.Zero && HolderTimeout >= 3 * PresenceInterval && NewWorkerGrace >= TimeSpan.Zero;
}
