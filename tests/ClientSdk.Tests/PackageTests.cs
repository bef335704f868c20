using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The NuGet package as a researcher gets it: packed from a copy of the sources, installed from a local folder feed
/// into a fresh project outside the repository, run against the live farm.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests(SmallFarm farm, PackedClient packed)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    [Fact(Timeout = 900_000)]
    public async Task The_packed_sdk_installs_from_a_folder_feed_and_evaluates_on_the_farm()
    {
        var work = Directory.CreateTempSubdirectory("icefarm-package-");
        try
        {
            await packed.PackedAsync();
            Assert.True(File.Exists(Path.Combine(packed.Feed, $"IceFarm.Client.{packed.Version}.nupkg")));
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages") };
            var app = Path.Combine(work.FullName, "app");
            Directory.CreateDirectory(app);
            await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="IceFarm.Client" Version="{packed.Version}" />
                  </ItemGroup>
                </Project>
                """);
            await PackedSources.WriteFeedOnlyConfigAsync(app, packed.Feed);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ReadmeExample);
            PackedSources.Copy(Path.Combine(packed.Repository, "global.json"), Path.Combine(app, "global.json"));

            var (credentials, client) = await farm.CreateClientAsync("package").Within();
            client.Dispose();
            await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
            env["ICEFARM_URL"] = farm.ReservationServiceUri.ToString();
            env["ICEFARM_TOKEN"] = credentials.Token;
            var run = await DotnetCli.RunAsync(app, env, Step, "run");

            Assert.True(run.Exit == 0, run.Output);
            var pulses = System.Text.RegularExpressions.Regex.Match(run.Output, @"blink\.bin on \w+: (\d+) pulses");
            Assert.True(pulses.Success, run.Output);
            Assert.InRange(int.Parse(pulses.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 990, 1_000);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The example of src/ClientSdk/README.md, with a board queue so it waits for a free board.</summary>
    private const string ReadmeExample = """
        using IceFarm.Client;
        using IceFarm.Client.Evaluation;
        using IceFarm.Contracts.Bitstreams;

        using var farm = FarmClient.FromEnvironment();                    // ICEFARM_URL, ICEFARM_TOKEN
        await using var lease = await farm.ReserveAsync("pulsecount", 1, wait: TimeSpan.FromMinutes(1));
        await lease.WaitUntilReadyAsync();
        var blink = new Bitstream("blink.bin", BitstreamGenerator.Generate(new CircuitDesign(1_000)));
        await foreach (var result in lease.EvaluateAsync([blink], EvaluationMode.AllBoards))
        {
            Console.WriteLine(result.Succeeded ? $"{result.Label} on {result.Serial}: {result.Pulses} pulses" : $"failed: {result.Failure}");
        }
        """;
}
