using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Evaluation;
using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Kinds;

/// <summary>
/// <c>variance</c>: the mean absolute step of 500 ADC samples (hardware.md §5.5). Argument <c>samples</c>
/// (<c>true</c>, the default, or <c>false</c>) says whether the raw samples travel with each result.
/// </summary>
internal sealed class VarianceKind : EvaluationKind
{
    /// <summary>The argument that switches the raw samples on or off.</summary>
    public const string SamplesArgument = "samples";

    /// <inheritdoc />
    public override string Name => FirmwareKinds.Variance;

    /// <inheritdoc />
    public override FirmwareKind Firmware => FirmwareKind.Variance;

    /// <inheritdoc />
    public override FirmwareLineKind ResultLine => FirmwareLineKind.Samples;

    /// <inheritdoc />
    public override KindArguments? Parse(IReadOnlyDictionary<string, string> args, out string? error)
    {
        error = UnknownArguments(args, SamplesArgument);
        if (error is not null)
        {
            return null;
        }

        var value = args.FirstOrDefault(a => string.Equals(a.Key, SamplesArgument, StringComparison.OrdinalIgnoreCase)).Value;
        if (value is null)
        {
            return new VarianceArguments(IncludeSamples: true);
        }

        if (bool.TryParse(value.Trim(), out var include))
        {
            return new VarianceArguments(include);
        }

        error = $"argument '{SamplesArgument}' must be 'true' or 'false'; got '{value}'";
        return null;
    }

    /// <inheritdoc />
    public override EvaluationValue Measure(FirmwareLine result, KindArguments arguments)
    {
        var samples = result.Values.Select(v => (int)v).ToArray();
        var include = arguments is VarianceArguments { IncludeSamples: true };
        return new EvaluationValue(Name, null, VarianceFitness.Of(samples), include ? samples : null);
    }
}
