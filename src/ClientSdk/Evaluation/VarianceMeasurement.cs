namespace IceFarm.Client.Evaluation;

/// <summary>A variance result: how much the ADC signal moved.</summary>
/// <param name="Fitness">Mean absolute step between consecutive 12-bit samples.</param>
/// <param name="Samples">The samples, when the farm sent them.</param>
public sealed record VarianceMeasurement(double Fitness, IReadOnlyList<int>? Samples);
