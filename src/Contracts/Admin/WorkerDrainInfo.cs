namespace IceFarm.Contracts.Admin;

/// <summary>Progress of a worker's last drain, for <c>GET /api/admin/workers/{name}/drain</c> and the panel.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="State"><c>draining</c>, <c>drained</c>, or <c>cancelled</c> (an operator returned the worker to service while it drained).</param>
/// <param name="Deadline">When leases still on it are force-ended.</param>
/// <param name="RequestedBy">Who asked (an admin, or the worker itself on SIGTERM).</param>
/// <param name="StartedAt">When the drain began.</param>
/// <param name="FinishedAt">When no reservation held its boards any more.</param>
/// <param name="RemainingReservations">Reservations still holding its boards.</param>
/// <param name="ForceEndedReservations">Reservations ended by the deadline.</param>
public sealed record WorkerDrainInfo(
    string Worker,
    string State,
    DateTimeOffset Deadline,
    string RequestedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<Guid> RemainingReservations,
    IReadOnlyList<Guid> ForceEndedReservations);
