using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ReservationService.Drain;

internal sealed class DrainOptions
{
    public const string Section = "Drain";

    /// <summary>How often stored drains are compared with the clock (deadlines) and with the boards' reservations.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a published deadline or recheck may go unanswered before it is published again (a lost message).</summary>
    public TimeSpan RepublishAfter { get; set; } = TimeSpan.FromSeconds(30);

    [MustBeTrue(ErrorMessage = "Drain: CheckInterval and RepublishAfter must be positive.")]
    public bool IsPositive => CheckInterval > TimeSpan.Zero && RepublishAfter > TimeSpan.Zero;
}
