namespace IceFarm.ReservationService.Reservations;

/// <summary>A client was granted boards; the first event of a reservation stream.</summary>
internal sealed record ReservationGranted(
    Guid ReservationId,
    string ClientId,
    string Kind,
    IReadOnlyDictionary<string, string> Args,
    IReadOnlyList<GrantedDevice> Devices,
    DateTimeOffset ExpiresAt,
    DateTimeOffset At);
