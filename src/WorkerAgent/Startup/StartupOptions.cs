using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.WorkerAgent.Startup;

/// <summary>How the worker recovers its boards' reservations at start-up (section <c>Startup</c>).</summary>
internal sealed class StartupOptions
{
    public const string Section = "Startup";

    /// <summary>
    /// How long the worker asks the service for its boards' reservations before it gives up and consumes its commands
    /// anyway (the heartbeat's reconciliation then re-sends the prepares, later).
    /// </summary>
    public TimeSpan AssignmentsTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one ask waits for the answer.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the first USB scan may take before the ask goes out without it.</summary>
    public TimeSpan FirstScanTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [MustBeTrue(ErrorMessage = "Startup: every timeout must be positive.")]
    public bool IsPositive => AssignmentsTimeout > TimeSpan.Zero && AskTimeout > TimeSpan.Zero && FirstScanTimeout > TimeSpan.Zero;
}
