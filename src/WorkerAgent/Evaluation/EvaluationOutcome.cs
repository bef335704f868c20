using IceFarm.Contracts.Evaluations;

namespace IceFarm.WorkerAgent.Evaluation;

/// <summary>How one evaluation on a board ended: a value, or a classified failure.</summary>
/// <param name="Value">The measurement, when it succeeded.</param>
/// <param name="Telemetry">What the firmware reported about the load.</param>
/// <param name="Category">Whose fault the failure is.</param>
/// <param name="Failure">What went wrong.</param>
internal sealed record EvaluationOutcome(EvaluationValue? Value, BoardTelemetry? Telemetry, FailureCategory? Category, string? Failure)
{
    /// <summary>Whether a measurement came back.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>A measurement.</summary>
    public static EvaluationOutcome Measured(EvaluationValue value, BoardTelemetry telemetry) => new(value, telemetry, null, null);

    /// <summary>A failure of the board or its link, which recovery and one retry may cure.</summary>
    public static EvaluationOutcome Device(string reason) => Failed(FailureCategory.Device, reason);

    /// <summary>A failure.</summary>
    public static EvaluationOutcome Failed(FailureCategory category, string reason) => new(null, null, category, reason);
}
