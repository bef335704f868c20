using System.Globalization;

namespace IceFarm.Faults.Tests;

/// <summary>The suite's knobs, from environment variables so that <c>./build.sh --target=Faults</c> and a developer's shell can set them.</summary>
internal sealed record FaultSuiteOptions(int Evaluations, int Boards, int Runs, TimeSpan RunDeadline, TimeSpan BoardsBackDeadline, IReadOnlySet<string>? Only)
{
    /// <summary>The full matrix's defaults: the load (2,000 evaluations over 8 boards).</summary>
    public static FaultSuiteOptions FromEnvironment(int defaultEvaluations = 2000) => new(
        Int("ICEFARM_FAULTS_EVALUATIONS", defaultEvaluations),
        Int("ICEFARM_FAULTS_BOARDS", 8),
        Int("ICEFARM_FAULTS_RUNS", 1),
        TimeSpan.FromSeconds(Int("ICEFARM_FAULTS_RUN_DEADLINE_SECONDS", 300)),
        // A killed client's boards come back when its lease's keepalive lapses (about a minute, issue 13 part 6).
        TimeSpan.FromSeconds(Int("ICEFARM_FAULTS_BOARDS_BACK_SECONDS", 150)),
        Environment.GetEnvironmentVariable("ICEFARM_FAULTS_ONLY") is { Length: > 0 } only
            ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null);

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
