using System.Globalization;

namespace IceFarm.Faults.Tests;

/// <summary>What one scenario run measured: a row of the fault table (docs/faults.md).</summary>
internal sealed record FaultRow(
    string Fault,
    int Evaluations,
    int Results,
    IReadOnlyDictionary<string, int> FailedByCategory,
    int Missing,
    int Duplicates,
    TimeSpan MaxStall,
    bool Hang,
    TimeSpan? BoardsBackAfter,
    TimeSpan Duration)
{
    /// <summary>From the fault's end (the broker answering, the process started again) to the next result; null if none came after it.</summary>
    public TimeSpan? ResumedAfter { get; init; }

    /// <summary>Why the run does not meet its scenario's expectation; empty when it does.</summary>
    public List<string> Violations { get; } = [];

    public int Failed => FailedByCategory.Values.Sum();

    public bool Passed => Violations.Count == 0;

    public string FailedText => Failed == 0
        ? "0"
        : string.Join(", ", FailedByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));

    public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Fault} | {Results}/{Evaluations} | {FailedText} | {Missing} | {Duplicates} | {MaxStall.TotalSeconds:F1} s | {(ResumedAfter is { } r ? $"{r.TotalSeconds:F1} s" : "—")} | {(Hang ? "**yes**" : "no")} | " +
        $"{(BoardsBackAfter is { } b ? $"{b.TotalSeconds:F1} s" : "**never**")} | {Duration.TotalSeconds:F0} s | {(Passed ? "pass" : "**FAIL**: " + string.Join("; ", Violations))} |");

    public const string MarkdownHeader =
        "| fault | results | failed (by category) | missing | duplicates | max stall | resumed after | hang | boards back after | run | verdict |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|";
}
