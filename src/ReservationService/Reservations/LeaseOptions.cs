using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ReservationService.Reservations;

internal sealed class LeaseOptions
{
    public const string Section = "Leases";

    /// <summary>Longest a reservation may last in total, from its grant, however often it is extended.</summary>
    public TimeSpan MaxTotal { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long before expiry the client gets <c>reservation-ending-soon</c>.</summary>
    public TimeSpan EndingSoonBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the lease monitor looks for expiring reservations.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    [MustBeTrue(ErrorMessage = "Leases: MaxTotal, EndingSoonBefore and CheckInterval must be positive.")]
    public bool IsPositive => MaxTotal > TimeSpan.Zero && EndingSoonBefore > TimeSpan.Zero && CheckInterval > TimeSpan.Zero;
}
