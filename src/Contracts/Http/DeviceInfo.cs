namespace IceFarm.Contracts.Http;

/// <summary>A board joined with its reservation, as the admin API shows it.</summary>
/// <param name="Serial">USB serial.</param>
/// <param name="Worker">The worker it is plugged into.</param>
/// <param name="State">Lifecycle state.</param>
/// <param name="Health">Health.</param>
/// <param name="Reason">Reason for the last state change.</param>
/// <param name="ClientId">The client holding it, if reserved.</param>
/// <param name="ReservationId">The reservation holding it, if any.</param>
/// <param name="Kind">The reservation's kind, if any.</param>
/// <param name="ExpiresAt">When that reservation's lease ends (its upper bound).</param>
/// <param name="KeepAlive">That reservation's keepalive TTL as an ISO-8601 duration, or null when it has none.</param>
/// <param name="RenewedAt">When that reservation's keepalive was last renewed.</param>
public sealed record DeviceInfo(
    string Serial,
    string Worker,
    string State,
    string Health,
    string? Reason,
    string? ClientId,
    Guid? ReservationId,
    string? Kind,
    DateTimeOffset? ExpiresAt,
    string? KeepAlive = null,
    DateTimeOffset? RenewedAt = null)
{
    /// <summary>Set while the board is kept out of allocation (maintenance, retired, failed health checks).</summary>
    public DeviceHoldInfo? Hold { get; init; }
}
