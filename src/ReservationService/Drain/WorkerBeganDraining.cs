namespace IceFarm.ReservationService.Drain;

/// <summary>Worker-stream event: the worker is draining; the allocator skips it from this event on.</summary>
internal sealed record WorkerBeganDraining(string Name, DateTimeOffset Deadline, string RequestedBy, DateTimeOffset At);
