namespace IceFarm.WorkerAgent.Kinds;

/// <summary><c>variance</c>'s arguments.</summary>
/// <param name="IncludeSamples">Whether each result carries the 500 raw samples (about 2.5 KB) besides the fitness.</param>
internal sealed record VarianceArguments(bool IncludeSamples) : KindArguments;
