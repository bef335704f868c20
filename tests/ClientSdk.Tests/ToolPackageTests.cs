using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The <c>icefarm</c> dotnet tool as an operator gets it: packed as Pack packs it, installed with
/// <c>dotnet tool install --tool-path … --add-source &lt;folder feed&gt;</c>, run against the live farm.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ToolPackageTests(SmallFarm farm, PackedClient packed)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);
    private static readonly string[] Commands = ["available", "reserve", "evaluate", "watch", "admin"];

    [Fact(Timeout = 900_000)]
    public async Task The_packed_cli_installs_as_a_dotnet_tool_from_a_folder_feed_and_evaluates_on_the_farm_with_json()
    {
        var work = Directory.CreateTempSubdirectory("icefarm-tool-");
        try
        {
            await packed.PackedAsync();
            var version = packed.Version;
            var feed = packed.Feed;
            Assert.True(File.Exists(Path.Combine(feed, $"IceFarm.Cli.{version}.nupkg")));

            var tools = Path.Combine(work.FullName, "tools");
            var env = new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages"),
                // The tool's launcher looks for the runtime here first; the test's own runtime is the one to use.
                ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
            };
            await PackedSources.WriteFeedOnlyConfigAsync(work.FullName, feed);
            var install = await DotnetCli.RunAsync(work.FullName, env, Step,
                "tool", "install", "IceFarm.Cli", "--version", version, "--tool-path", tools, "--add-source", feed);
            Assert.True(install.Exit == 0, install.Output);
            var icefarm = Path.Combine(tools, "icefarm");

            var help = await DotnetCli.RunProgramAsync(icefarm, work.FullName, env, Step, "--help");
            Assert.True(help.Exit == 0, help.Output);
            Assert.All(Commands, command => Assert.Contains(command, help.Output, StringComparison.Ordinal));

            var (credentials, client) = await farm.CreateClientAsync("tool").Within();
            using var _ = client;
            await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
            using var files = new BitstreamFiles(Circuits.Pulses(2));
            env["ICEFARM_URL"] = farm.ReservationServiceUri.ToString();
            env["ICEFARM_TOKEN"] = credentials.Token;
            var evaluate = await DotnetCli.RunProgramAsync(icefarm, work.FullName, env, Step, ["evaluate", .. files.Paths, "--wait", "60s", "--json"]);

            Assert.True(evaluate.Exit == 0, evaluate.Output);
            var results = evaluate.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.True(r.GetProperty("succeeded").GetBoolean(), r.ToString()));
            Assert.Equal(files.Paths.Select(Path.GetFileName).Order(), results.Select(r => r.GetProperty("label").GetString()).Order());
            // It reserved the board itself, so it ended the reservation when done.
            Assert.Empty(await client.ListReservationsAsync().Within());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
