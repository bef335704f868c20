using System.Text;
using Xunit.Abstractions;

namespace IceFarm.Faults.Tests;

/// <summary>
/// The whole matrix, <c>ICEFARM_FAULTS_RUNS</c> times, on the issue's load: what <c>./build.sh --target=Faults</c> runs.
/// Writes the table to <c>artifacts/faults/faults.md</c> (and the test output) and fails if any row fails.
/// </summary>
[Trait("Category", "FaultMatrix")]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_fault_of_the_matrix()
    {
        var options = FaultSuiteOptions.FromEnvironment();
        var table = new StringBuilder(FaultRow.MarkdownHeader).AppendLine();
        var failed = new List<string>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var scenario in FaultScenarios.All.Where(s => options.Only?.Contains(s.Name) != false))
            {
                FaultRow row;
                try
                {
                    row = await ScenarioRunner.RunAsync(scenario, options, output.WriteLine);
                }
                catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException)
                {
                    failed.Add($"{scenario.Name} (run {run}): could not run: {ex.Message}");
                    table.AppendLine($"| {scenario.Fault} | — | — | — | — | — | — | — | — | — | **could not run**: {ex.GetType().Name} |");
                    continue;
                }

                table.AppendLine(row.ToMarkdown());
                if (!row.Passed)
                {
                    failed.Add($"{scenario.Name} (run {run}): {string.Join("; ", row.Violations)}");
                }

                Write(table.ToString());
            }
        }

        output.WriteLine(table.ToString());
        Write(table.ToString());
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    private static void Write(string table)
    {
        var directory = Environment.GetEnvironmentVariable("ICEFARM_FAULTS_TABLE_DIR") ?? Path.Combine(Path.GetTempPath(), "icefarm-faults");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "faults.md"), table);
    }
}
