namespace IceFarm.Contracts.Http;

/// <summary>Data of an <c>evaluation-failed</c> stream event.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="BatchId">The submission.</param>
/// <param name="EvaluationId">The evaluation.</param>
/// <param name="Label">The caller's name for the bitstream.</param>
/// <param name="Serial">The board.</param>
/// <param name="Category"><c>user</c>, <c>device</c> or <c>infrastructure</c>.</param>
/// <param name="Reason">What happened.</param>
public sealed record EvaluationFailedEvent(Guid ReservationId, Guid BatchId, Guid EvaluationId, string Label, string Serial, string Category, string Reason);
