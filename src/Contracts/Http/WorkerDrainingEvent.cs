namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>worker-draining</c> stream event: boards of the reservation are on a worker that is shutting down.</summary>
/// <param name="ReservationId">The reservation holding boards of the worker.</param>
/// <param name="Worker">The draining worker.</param>
/// <param name="Deadline">When the reservation is ended if it still holds the worker's boards.</param>
public sealed record WorkerDrainingEvent(Guid ReservationId, string Worker, DateTimeOffset Deadline);
