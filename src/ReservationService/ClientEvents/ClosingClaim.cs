using IceFarm.ReservationService.Evaluations;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Which evaluation an event ends, and on whose word: the board it ran on and, for a worker's message, the worker. The
/// event is stored only if the evaluation's ticket (the service's own record) is the client's, on that board, sent to
/// that worker; a message claiming anything else ends nothing.
/// </summary>
internal sealed record ClosingClaim(Guid EvaluationId, string Serial, string? Worker)
{
    /// <summary>A ticket from before tickets named their worker matches any worker.</summary>
    public bool Matches(EvaluationTicket ticket, string clientId) =>
        ticket.ClientId == clientId && ticket.Serial == Serial && (Worker is null || ticket.Worker is null || ticket.Worker == Worker);
}
