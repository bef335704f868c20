using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

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

    /// <summary>Shortest keepalive TTL a reserve may ask for: each renewal is a database write, so a floor keeps them affordable.</summary>
    public TimeSpan MinKeepAlive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest keepalive TTL a reserve may ask for: longer would defeat the point (a dead client's boards coming back soon).</summary>
    public TimeSpan MaxKeepAlive { get; set; } = TimeSpan.FromMinutes(10);

    [MustBeTrue(ErrorMessage = "Reservations: MinKeepAlive must be positive and at most MaxKeepAlive.")]
    public bool KeepAliveBoundsValid => MinKeepAlive > TimeSpan.Zero && MinKeepAlive <= MaxKeepAlive;

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
