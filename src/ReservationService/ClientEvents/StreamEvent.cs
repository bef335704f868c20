namespace IceFarm.ReservationService.ClientEvents;

/// <summary>One numbered event of a client's stream; <see cref="Data"/> is the serialised JSON payload.</summary>
internal sealed record StreamEvent(long Id, string Type, string Data);
