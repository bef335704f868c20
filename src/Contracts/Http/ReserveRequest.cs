namespace IceFarm.Contracts.Http;

/// <summary>Body of <c>POST /api/v1/reservations</c>: either <see cref="Amount"/> boards or the named <see cref="Serials"/>.</summary>
/// <param name="Kind">Reservation kind, such as <c>pulsecount</c>.</param>
/// <param name="Amount">How many boards, all or nothing.</param>
/// <param name="Serials">Exactly these boards, all or nothing.</param>
/// <param name="Args">Kind-specific arguments.</param>
/// <param name="Duration">Lease length as an ISO-8601 duration (<c>PT30M</c>); the service default when absent.</param>
/// <param name="Wait">How long to queue for boards, as an ISO-8601 duration; no waiting when absent.</param>
/// <param name="KeepAlive">
/// Keepalive TTL as an ISO-8601 duration (<c>PT60S</c>): the reservation ends when no
/// <c>POST /api/v1/reservations/{id}/keepalive</c> arrives for this long, so a dead client's boards come back soon.
/// No keepalive when absent (the lease lasts its duration).
/// </param>
/// <param name="ReplaceFailed">
/// When a board of the reservation goes Broken or Bad, grant a healthy board of the same kind in its place
/// (<c>device-replaced</c>); true when absent. Never for a reservation of named <see cref="Serials"/>.
/// </param>
public sealed record ReserveRequest(
    string Kind,
    int? Amount = null,
    IReadOnlyList<string>? Serials = null,
    IReadOnlyDictionary<string, string>? Args = null,
    string? Duration = null,
    string? Wait = null,
    string? KeepAlive = null,
    bool? ReplaceFailed = null);
