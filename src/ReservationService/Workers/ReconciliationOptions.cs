using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ReservationService.Workers;

/// <summary>How the heartbeat consumer heals commands the bus lost (ARCHITECTURE.md §11).</summary>
internal sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>
    /// How long a board must disagree with the service's view (measured from the view's last change) before a command is
    /// sent again, and how long after a re-send before the next one: two of the worker's 5 s heartbeats, so a command still
    /// in flight is not duplicated.
    /// </summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(10);

    [MustBeTrue(ErrorMessage = "Reconciliation:ResendAfter must be positive.")]
    public bool IsPositive => ResendAfter > TimeSpan.Zero;
}
