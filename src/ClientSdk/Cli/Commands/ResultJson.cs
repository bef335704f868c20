using IceFarm.Client.Evaluation;

namespace IceFarm.Cli.Commands;

/// <summary>One line of <c>icefarm evaluate --json</c>; field names are a contract with scripts (README).</summary>
internal sealed record ResultJson(Guid EvaluationId, string Label, string Serial, bool Succeeded, long? Pulses, double? Fitness, IReadOnlyList<int>? Samples, string? FailureCategory, string? FailureReason)
{
    public static ResultJson From(EvaluationResult r) =>
        new(r.EvaluationId, r.Label, r.Serial, r.Succeeded, r.Pulses, r.Variance?.Fitness, r.Variance?.Samples,
            r.Failure?.Category.ToString().ToLowerInvariant(), r.Failure?.Reason);
}
