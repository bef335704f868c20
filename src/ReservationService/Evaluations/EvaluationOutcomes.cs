using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// Ends evaluations exactly once: a result, a worker's failure, or a failure because its board or reservation went away.
/// Results and failures are consumed by whichever replica takes them, so the store decides: the event that ends an
/// evaluation is stored only together with the deletion of its ticket (<see cref="ClientFeedStore.AppendAsync"/>).
/// </summary>
internal sealed class EvaluationOutcomes(
    EvaluationTickets tickets, ClientEventHub hub, Metrics.FarmMetrics metrics, TimeProvider time,
    ILogger<EvaluationOutcomes> logger)
{
    public async Task CompleteAsync(EvaluationCompleted result, CancellationToken ct)
    {
        object value = result.Value.Pulses is { } pulses ? pulses : new VarianceValue(result.Value.Fitness ?? 0, result.Value.Samples);
        var stored = await hub.PublishClosingAsync(result.ClientId, StreamEventTypes.Result,
            new ResultEvent(result.ReservationId, result.BatchId, result.EvaluationId, result.Label, result.Serial, value),
            new ClosingClaim(result.EvaluationId, result.Serial, result.Worker), ct);
        await RecordAsync(stored, result.EvaluationId, result.Worker, "result", ct);
    }

    public async Task FailAsync(EvaluationFailed failure, CancellationToken ct)
    {
        var stored = await PublishFailureAsync(failure.ClientId, failure.ReservationId, failure.BatchId, failure.EvaluationId, failure.Label,
            failure.Serial, failure.Worker, failure.Category, failure.Reason, ct);
        await RecordAsync(stored, failure.EvaluationId, failure.Worker, "failed", ct);
    }

    /// <summary>Fails every open evaluation of a reservation, or of one of its boards, with one reason, whichever replica took them.</summary>
    public async Task FailOpenAsync(Guid reservationId, string? serial, FailureCategory category, string reason, CancellationToken ct)
    {
        await FailAllAsync(await tickets.OfReservationAsync(reservationId, serial, ct), category, reason, ct);
    }

    /// <summary>Fails every open evaluation on a board (its worker went silent).</summary>
    public async Task FailOpenOnBoardAsync(string serial, FailureCategory category, string reason, CancellationToken ct)
    {
        await FailAllAsync(await tickets.OnBoardAsync(serial, ct), category, reason, ct);
    }

    /// <summary>Fails the given evaluations (their commands never reached the worker), unless they already ended.</summary>
    public Task FailTicketsAsync(IReadOnlyList<EvaluationTicket> open, FailureCategory category, string reason, CancellationToken ct) =>
        FailAllAsync(open, category, reason, ct);

    /// <summary>Queued together, so the writer stores them in few batches; in ticket order on the client's stream.</summary>
    private async Task FailAllAsync(IReadOnlyList<EvaluationTicket> open, FailureCategory category, string reason, CancellationToken ct) =>
        await Task.WhenAll(open.Select(t => PublishFailureAsync(t.ClientId, t.ReservationId, t.BatchId, t.Id, t.Label, t.Serial, null, category, reason, ct, t)));

    private async Task RecordAsync(StreamEvent? stored, Guid evaluationId, string worker, string outcome, CancellationToken ct)
    {
        if (stored is null)
        {
            // Usually a duplicate of an evaluation that ended already. A ticket still open means the message's claim
            // (client, board or worker) is not the service's record: a misbehaving or forged worker message.
            if (await tickets.FindAsync(evaluationId, ct) is { } open)
            {
                logger.LogWarning("Refused a {Outcome} for evaluation {EvaluationId} from worker {Worker}: it was sent to {Owner} for client {ClientId} on {Serial}",
                    outcome, evaluationId, worker, open.Worker, open.ClientId, open.Serial);
            }
            else
            {
                logger.LogDebug("Dropped the {Outcome} of evaluation {EvaluationId}, which had already ended", outcome, evaluationId);
            }

            return;
        }

        if (EvaluationIds.SubmittedAt(evaluationId) is { } submittedAt)
        {
            metrics.RecordEvaluation(time.GetUtcNow() - submittedAt, outcome);
        }
    }

    private Task<StreamEvent?> PublishFailureAsync(string clientId, Guid reservationId, Guid batchId, Guid evaluationId, string label, string serial,
        string? worker, FailureCategory category, string reason, CancellationToken ct, EvaluationTicket? ticket = null) =>
        hub.PublishClosingAsync(clientId, StreamEventTypes.EvaluationFailed,
            new EvaluationFailedEvent(reservationId, batchId, evaluationId, label, serial, category.ToString().ToLowerInvariant(), reason),
            new ClosingClaim(evaluationId, serial, worker), ct, ticket);
}
