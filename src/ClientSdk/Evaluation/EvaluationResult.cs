namespace IceFarm.Client.Evaluation;

/// <summary>The outcome of one bitstream on one board: a measurement, or an explicit failure.</summary>
/// <param name="EvaluationId">The farm's id of the evaluation; <see cref="Guid.Empty"/> when it failed before the farm queued it.</param>
/// <param name="Bitstream">The bitstream evaluated.</param>
/// <param name="Serial">The board that ran it (or was meant to).</param>
/// <param name="Pulses">Rising edges counted in the 1 s window (kind <c>pulsecount</c>).</param>
/// <param name="Variance">The ADC measurement (kind <c>variance</c>).</param>
/// <param name="Failure">Why there is no value; null when it succeeded.</param>
public sealed record EvaluationResult(
    Guid EvaluationId,
    Bitstream Bitstream,
    string Serial,
    long? Pulses,
    VarianceMeasurement? Variance,
    EvaluationFailed? Failure)
{
    /// <summary>Your label of the bitstream.</summary>
    public string Label => Bitstream.Label;

    /// <summary>Why it failed, in words; null when it succeeded.</summary>
    public string? FailureReason => Failure?.Reason;

    /// <summary>True when the evaluation produced a measurement.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A failure the client itself reports (deadline, lost board, ended reservation).</summary>
    internal static EvaluationResult Failed(Guid id, Bitstream bitstream, string serial, FailureCategory category, string reason) =>
        new(id, bitstream, serial, null, null, new EvaluationFailed(category, reason));
}
