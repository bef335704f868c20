namespace IceFarm.Contracts.Evaluations;

/// <summary>A measurement: a pulse count, or a variance fitness with its samples.</summary>
/// <param name="Kind">The reservation kind that produced it.</param>
/// <param name="Pulses">Rising edges counted in the firmware's 1 s window (pulsecount).</param>
/// <param name="Fitness">Mean absolute step between consecutive ADC samples (variance).</param>
/// <param name="Samples">The 12-bit ADC samples behind <paramref name="Fitness"/> (variance).</param>
public sealed record EvaluationValue(string Kind, long? Pulses, double? Fitness, IReadOnlyList<int>? Samples);
