using System.Text.Json;
using IceFarm.Client.Internal;
using IceFarm.Contracts.Http;

namespace IceFarm.Client.Evaluation;

/// <summary>A <c>result</c> or <c>evaluation-failed</c> event as parsed off the stream, before a run attaches its bitstream.</summary>
internal sealed record Outcome(Guid EvaluationId, string Serial, long? Pulses, VarianceMeasurement? Variance, EvaluationFailed? Failure)
{
    public static Outcome Of(EvaluationFailedEvent failed) =>
        new(failed.EvaluationId, failed.Serial ?? "", null, null, new EvaluationFailed(EvaluationFailed.ParseCategory(failed.Category), failed.Reason ?? ""));

    /// <summary>The value is an integer for pulsecount and a <see cref="VarianceValue"/> for variance (its JSON tells which).</summary>
    public static Outcome Of(ResultEvent result)
    {
        var value = result.Value is JsonElement element ? element : throw new JsonException($"Result {result.EvaluationId} has no value.");
        if (value.ValueKind == JsonValueKind.Number)
        {
            return new Outcome(result.EvaluationId, result.Serial ?? "", value.GetInt64(), null, null);
        }

        var variance = value.Deserialize(FarmJsonContext.Default.VarianceValue)
            ?? throw new JsonException($"Result {result.EvaluationId} has a null value.");
        return new Outcome(result.EvaluationId, result.Serial ?? "", null, new VarianceMeasurement(variance.Fitness, variance.Samples?.ToArray()), null);
    }
}
