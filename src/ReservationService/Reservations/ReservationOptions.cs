using System.ComponentModel.DataAnnotations;

namespace IceFarm.ReservationService.Reservations;

internal sealed class ReservationOptions
{
    public const string Section = "Reservations";

    /// <summary>Lease length when the request names none.</summary>
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest lease one request or extension may ask for.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Longest a request may queue for boards (<c>wait</c>).</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Kinds the farm knows; a worker announces which of them it can serve.</summary>
    [MinLength(1)]
    public List<string> Kinds { get; set; } = ["pulsecount", "variance"];

    /// <summary>
    /// How often the free-board index is reloaded from the projections. Commits of this process reach it at once; this
    /// bounds how long another replica's change can make the index wrong (which costs a retry or a query, never correctness).
    /// </summary>
    public TimeSpan IndexReload { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most boards one reservation may hold.</summary>
    [Range(1, 10_000)]
    public int MaxDevicesPerReservation { get; set; } = 256;
}
