using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>Ends evaluations exactly once: a result, a worker's failure, or a failure because its board or reservation went away.</summary>
internal sealed class EvaluationOutcomes(
    EvaluationLedger ledger, ClientEventHub hub, Metrics.FarmMetrics metrics, TimeProvider time, ILogger<EvaluationOutcomes> logger)
{
    public async Task CompleteAsync(EvaluationCompleted result, CancellationToken ct)
    {
        await ledger.EnsureLoadedAsync(ct);
        if (!ledger.TryClose(result.EvaluationId, out var closed))
        {
            logger.LogDebug("Dropped a result for evaluation {EvaluationId}, which already ended", result.EvaluationId);
            return;
        }

        metrics.RecordEvaluation(time.GetUtcNow() - closed.SubmittedAt, "result");
        object value = result.Value.Pulses is { } pulses ? pulses : new VarianceValue(result.Value.Fitness ?? 0, result.Value.Samples);
        await hub.PublishClosingAsync(result.ClientId, StreamEventTypes.Result,
            new ResultEvent(result.ReservationId, result.BatchId, result.EvaluationId, result.Label, result.Serial, value), result.EvaluationId, ct);
    }

    public async Task FailAsync(EvaluationFailed failure, CancellationToken ct)
    {
        await ledger.EnsureLoadedAsync(ct);
        if (!ledger.TryClose(failure.EvaluationId, out var closed))
        {
            logger.LogDebug("Dropped a failure for evaluation {EvaluationId}, which already ended", failure.EvaluationId);
            return;
        }

        metrics.RecordEvaluation(time.GetUtcNow() - closed.SubmittedAt, "failed");
        await PublishFailureAsync(failure.ClientId, failure.ReservationId, failure.BatchId, failure.EvaluationId, failure.Label, failure.Serial,
            failure.Category, failure.Reason, ct);
    }

    /// <summary>Fails every open evaluation of a reservation, or of one of its boards, with one reason.</summary>
    public async Task FailOpenAsync(Guid reservationId, string? serial, FailureCategory category, string reason, CancellationToken ct)
    {
        await ledger.EnsureLoadedAsync(ct);
        foreach (var ticket in ledger.CloseAll(reservationId, serial))
        {
            await PublishFailureAsync(ticket.ClientId, ticket.ReservationId, ticket.BatchId, ticket.Id, ticket.Label, ticket.Serial, category, reason, ct);
        }
    }

    /// <summary>Fails every open evaluation on a board (its worker went silent).</summary>
    public async Task FailOpenOnBoardAsync(string serial, FailureCategory category, string reason, CancellationToken ct)
    {
        await ledger.EnsureLoadedAsync(ct);
        foreach (var ticket in ledger.CloseAllOnBoard(serial))
        {
            await PublishFailureAsync(ticket.ClientId, ticket.ReservationId, ticket.BatchId, ticket.Id, ticket.Label, ticket.Serial, category, reason, ct);
        }
    }

    private Task<StreamEvent> PublishFailureAsync(string clientId, Guid reservationId, Guid batchId, Guid evaluationId, string label, string serial,
        FailureCategory category, string reason, CancellationToken ct) =>
        hub.PublishClosingAsync(clientId, StreamEventTypes.EvaluationFailed,
            new EvaluationFailedEvent(reservationId, batchId, evaluationId, label, serial, category.ToString().ToLowerInvariant(), reason), evaluationId, ct);
}
