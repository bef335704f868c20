namespace IceFarm.Contracts.Http;

/// <summary>The value of a variance result on the event stream.</summary>
/// <param name="Fitness">Mean absolute step between consecutive samples.</param>
/// <param name="Samples">The 12-bit ADC samples.</param>
public sealed record VarianceValue(double Fitness, IReadOnlyList<int>? Samples);
