using IceFarm.Contracts.Evaluations;

namespace IceFarm.Bench.Boards;

/// <summary>One evaluation's end as the bench saw it: the worker's result or failure, and when it reached the bench.</summary>
internal sealed record ObservedOutcome(Guid EvaluationId, EvaluationCompleted? Completed, EvaluationFailed? Failed, DateTimeOffset ReceivedAt)
{
    /// <summary>When the worker stamped the outcome (its actor's clock: the same wall clock, same process).</summary>
    public DateTimeOffset WorkerAt => Completed?.At ?? Failed!.At;
}
