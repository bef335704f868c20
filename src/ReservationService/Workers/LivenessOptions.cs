using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ReservationService.Workers;

internal sealed class LivenessOptions
{
    public const string Section = "Liveness";

    /// <summary>Silence after which a worker is offline: three heartbeat intervals of the worker's default 5 s.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long reservations keep boards of an offline worker before they end (<c>WorkerLost</c>).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Extra silence allowed after this replica starts consuming again (its start, or the broker back after an outage):
    /// the workers reconnect on their own back-off and their first heartbeats are still on the way.
    /// </summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often liveness is checked.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    [MustBeTrue(ErrorMessage = "Liveness: OfflineAfter and CheckInterval must be positive, GracePeriod and ReconnectGrace not negative.")]
    public bool IsPositive => OfflineAfter > TimeSpan.Zero && GracePeriod >= TimeSpan.Zero && ReconnectGrace >= TimeSpan.Zero && CheckInterval > TimeSpan.Zero;
}
