namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>result</c> stream event.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="BatchId">The submission.</param>
/// <param name="EvaluationId">The evaluation.</param>
/// <param name="Label">The caller's name for the bitstream.</param>
/// <param name="Serial">The board.</param>
/// <param name="Value">An integer for pulsecount; <c>{ fitness, samples }</c> for variance.</param>
public sealed record ResultEvent(Guid ReservationId, Guid BatchId, Guid EvaluationId, string Label, string Serial, object Value);
