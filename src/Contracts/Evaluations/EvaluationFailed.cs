namespace IceFarm.Contracts.Evaluations;

/// <summary>An evaluation ended without a measurement; exactly one of this or <see cref="EvaluationCompleted"/> ends every evaluation.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ClientId">The client to deliver the failure to.</param>
/// <param name="BatchId">The submission.</param>
/// <param name="EvaluationId">The evaluation.</param>
/// <param name="Worker">The worker that tried it.</param>
/// <param name="Serial">The board.</param>
/// <param name="Label">The caller's name for the bitstream.</param>
/// <param name="Category">Whose fault it is.</param>
/// <param name="Reason">What happened, for a human.</param>
/// <param name="At">When it failed.</param>
public sealed record EvaluationFailed(
    Guid ReservationId,
    string ClientId,
    Guid BatchId,
    Guid EvaluationId,
    string Worker,
    string Serial,
    string Label,
    FailureCategory Category,
    string Reason,
    DateTimeOffset At) : IMessage, Workers.IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
