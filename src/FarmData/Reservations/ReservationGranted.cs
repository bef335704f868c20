namespace IceFarm.FarmData.Reservations;

/// <summary>
/// A client was granted boards; the first event of a reservation stream. <see cref="KeepAlive"/> is the keepalive TTL
/// (null: none); its renewals are a document (<see cref="LeaseKeepAlive"/>), not events. <see cref="NoReplacement"/>: a board that
/// fails is not replaced (the client opted out, or named its boards).
/// </summary>
internal sealed record ReservationGranted(
    Guid ReservationId,
    string ClientId,
    string Kind,
    IReadOnlyDictionary<string, string> Args,
    IReadOnlyList<GrantedDevice> Devices,
    DateTimeOffset ExpiresAt,
    DateTimeOffset At,
    TimeSpan? KeepAlive = null,
    bool NoReplacement = false);
