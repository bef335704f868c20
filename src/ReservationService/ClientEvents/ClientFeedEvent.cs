namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// One event of a client's feed, on the client's stream <c>client-{id}</c>; its version there is the id the client
/// resumes from (<c>Last-Event-ID</c>). <see cref="Data"/> is the payload as the client receives it (a
/// <c>Contracts/Http</c> record in JSON).
/// </summary>
internal sealed record ClientFeedEvent(string Type, string Data);
