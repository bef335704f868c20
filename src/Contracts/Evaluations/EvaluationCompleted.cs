namespace IceFarm.Contracts.Evaluations;

/// <summary>A worker measured a bitstream.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ClientId">The client to deliver the result to.</param>
/// <param name="BatchId">The submission.</param>
/// <param name="EvaluationId">The evaluation.</param>
/// <param name="Worker">The worker that ran it.</param>
/// <param name="Serial">The board.</param>
/// <param name="Label">The caller's name for the bitstream.</param>
/// <param name="Value">The measurement.</param>
/// <param name="Telemetry">Timings the firmware printed, when it printed them.</param>
/// <param name="At">When the result was read.</param>
public sealed record EvaluationCompleted(
    Guid ReservationId,
    string ClientId,
    Guid BatchId,
    Guid EvaluationId,
    string Worker,
    string Serial,
    string Label,
    EvaluationValue Value,
    BoardTelemetry? Telemetry,
    DateTimeOffset At) : IMessage, Workers.IWorkerMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
