namespace IceFarm.Client.Evaluation;

/// <summary>One upload: these bitstreams (by index) onto these boards.</summary>
internal sealed record Submission(IReadOnlyList<int> Indices, IReadOnlyList<string> Serials);
