namespace IceFarm.Contracts.Http;

/// <summary>Answer to a bitstream submission: every evaluation it queued.</summary>
/// <param name="BatchId">Id of the submission.</param>
/// <param name="Evaluations">One entry per bitstream and board.</param>
public sealed record EvaluationsAccepted(Guid BatchId, IReadOnlyList<AcceptedEvaluation> Evaluations);
