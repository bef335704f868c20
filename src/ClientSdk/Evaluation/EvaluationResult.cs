namespace IceFarm.Client.Evaluation;

/// <summary>The outcome of one bitstream on one board: a measurement, or an explicit failure.</summary>
/// <param name="EvaluationId">The evaluation's id.</param>
/// <param name="Label">Your name for the bitstream.</param>
/// <param name="Serial">The board that ran it.</param>
/// <param name="Pulses">Rising edges in the 1 s window (pulsecount).</param>
/// <param name="Fitness">Mean absolute step between ADC samples (variance).</param>
/// <param name="Samples">The ADC samples (variance).</param>
/// <param name="FailureCategory"><c>user</c>, <c>device</c> or <c>infrastructure</c> when it failed.</param>
/// <param name="FailureReason">Why it failed.</param>
public sealed record EvaluationResult(
    Guid EvaluationId,
    string Label,
    string Serial,
    long? Pulses,
    double? Fitness,
    IReadOnlyList<int>? Samples,
    string? FailureCategory,
    string? FailureReason)
{
    /// <summary>True when the evaluation produced a measurement.</summary>
    public bool Succeeded => FailureCategory is null;
}
