using Xunit.Abstractions;

namespace IceFarm.Faults.Tests;

/// <summary>
/// The restart scenarios of issue 13 that need a farm of their own (a private broker node or database cluster to kill, a
/// worker to restart), on the fast suite's load: part of <c>./build.sh --target=Test</c>. The slower rows (broker
/// <c>stop_app</c>, client kill, board hang) and the full load run in the matrix (<c>--target=Faults</c>).
/// </summary>
[Trait("Category", "Faults")]
public sealed class RestartFaultTests(ITestOutputHelper output)
{
    public static TheoryData<string> Restarts => new() { "broker-kill", "database-restart", "worker-kill", "worker-drain-restart" };

    [Theory]
    [MemberData(nameof(Restarts))]
    public async Task The_run_survives(string scenario)
    {
        var row = await ScenarioRunner.RunAsync(FaultScenarios.Named(scenario), FaultSuiteOptions.FromEnvironment(defaultEvaluations: 400), output.WriteLine);
        output.WriteLine(FaultRow.MarkdownHeader + "\n" + row.ToMarkdown());
        Assert.True(row.Passed, string.Join("; ", row.Violations));
    }
}
