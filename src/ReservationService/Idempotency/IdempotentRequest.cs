using IceFarm.Contracts.Http;

namespace IceFarm.ReservationService.Idempotency;

/// <summary>
/// The first answer to a request that carried an <c>Idempotency-Key</c>, stored in the transaction that did its work (the
/// grant, the tickets), so it exists exactly when the work does. Its id is the client, the operation and the key: a
/// concurrent duplicate collides on it and its whole transaction is refused. Deleted with the client events' retention sweep.
/// </summary>
internal sealed class IdempotentRequest
{
    public string Id { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Operation { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>The reservation a reserve granted, or the one an upload queued on.</summary>
    public Guid ReservationId { get; set; }

    /// <summary>An upload's answer: its batch and evaluation ids.</summary>
    public EvaluationsAccepted? Accepted { get; set; }
}
