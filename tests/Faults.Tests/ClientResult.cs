namespace IceFarm.Faults.Tests;

/// <summary>One line of <c>icefarm evaluate --json</c> (the fields the suite counts), and when the suite read it.</summary>
internal sealed record ClientResult(Guid EvaluationId, string Label, bool Succeeded, string? FailureCategory, string? FailureReason)
{
    public TimeSpan ReceivedAt { get; init; }
}
