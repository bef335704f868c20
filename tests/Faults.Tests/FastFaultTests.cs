using Xunit.Abstractions;

namespace IceFarm.Faults.Tests;

/// <summary>
/// The fault scenarios that pass today, on a smaller load (400 evaluations) and one farm: part of <c>./build.sh --target=Test</c>.
/// Each starts the real processes, runs the CLI, injects its fault and checks every evaluation ended once, none failed
/// (except as the scenario allows), no hang, and every board available again with no reservation left.
/// </summary>
[Trait("Category", "Faults")]
public sealed class FastFaultTests(SharedFarm shared, ITestOutputHelper output) : IClassFixture<SharedFarm>
{
    public static TheoryData<string> Passing => new() { "none", "service-kill", "admin-kill" };

    [Theory]
    [MemberData(nameof(Passing))]
    public async Task The_run_survives(string scenario)
    {
        var row = await ScenarioRunner.RunOnAsync(shared.Farm, FaultScenarios.Named(scenario), shared.Options, output.WriteLine);
        output.WriteLine(FaultRow.MarkdownHeader + "\n" + row.ToMarkdown());
        Assert.True(row.Passed, string.Join("; ", row.Violations));
    }
}
