using IceFarm.ReservationService.Evaluations;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// An event waiting to be appended to its client's stream; <see cref="Stored"/> completes once it is durable and delivered. An event
/// that ends an evaluation deletes its ticket in the same transaction, and is not stored (completes with null) if the
/// ticket was already gone: the evaluation had ended before.
/// </summary>
internal sealed record PendingClientEvent(string ClientId, string Type, string Data, ClosingClaim? Closes = null)
{
    /// <summary>
    /// The ticket of the evaluation <see cref="Closes"/> ends, as read before the append (its fields never change), so
    /// the append is one round trip; the append reads it when this is null, and again after a lost race.
    /// </summary>
    public EvaluationTicket? Ticket { get; set; }

    public TaskCompletionSource<StreamEvent?> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
