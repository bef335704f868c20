namespace IceFarm.ReservationService.Reservations;

/// <summary>A validated reservation request: <see cref="Amount"/> boards, or exactly <see cref="Serials"/>.</summary>
internal sealed record AllocationRequest(
    string ClientId,
    string Kind,
    int Amount,
    IReadOnlyList<string>? Serials,
    IReadOnlyDictionary<string, string> Args,
    TimeSpan Duration);
