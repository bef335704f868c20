using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The NuGet package as a researcher gets it: packed from a copy of the sources, installed from a local folder feed
/// into a fresh project outside the repository, run against the live farm.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class PackageTests(ClientFarm farm)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    [Fact(Timeout = 900_000)]
    public async Task The_packed_sdk_installs_from_a_folder_feed_and_evaluates_on_the_farm()
    {
        var work = Directory.CreateTempSubdirectory("icefarm-package-");
        try
        {
            var sources = Path.Combine(work.FullName, "src");
            var repo = PackedSources.CopyTo(sources);
            var version = $"0.0.1-test{Guid.NewGuid():N}"[..20];
            var feed = Path.Combine(work.FullName, "feed");
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages") };
            foreach (var project in new[] { "src/Contracts/Contracts.csproj", "src/ClientSdk/ClientSdk.csproj" })
            {
                var pack = await DotnetCli.RunAsync(sources, new Dictionary<string, string>(), Step, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}");
                Assert.True(pack.Exit == 0, pack.Output);
            }

            Assert.True(File.Exists(Path.Combine(feed, $"IceFarm.Client.{version}.nupkg")));
            CopyThirdPartyDependencies(Path.Combine(feed, $"IceFarm.Client.{version}.nupkg"), feed);
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
                    <PackageReference Include="IceFarm.Client" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            await PackedSources.WriteFeedOnlyConfigAsync(app, feed);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ReadmeExample);
            PackedSources.Copy(Path.Combine(repo, "global.json"), Path.Combine(app, "global.json"));

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

    /// <summary>
    /// The feed holds only what the test packed; the package's other dependencies (Polly.Core) come from this machine's
    /// NuGet folder, as nuget.org would serve them to a researcher.
    /// </summary>
    private static void CopyThirdPartyDependencies(string package, string feed)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        var document = System.Xml.Linq.XDocument.Load(stream);
        var global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var dependencies = document.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (Id: e.Attribute("id")!.Value, Version: e.Attribute("version")!.Value.Trim('[', ']', '(', ')').Split(',')[0]))
            .Where(d => !d.Id.StartsWith("IceFarm.", StringComparison.Ordinal))
            .Distinct();
        foreach (var (id, dependencyVersion) in dependencies)
        {
            var name = $"{id.ToLowerInvariant()}.{dependencyVersion}.nupkg";
            File.Copy(Path.Combine(global, id.ToLowerInvariant(), dependencyVersion, name), Path.Combine(feed, name));
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
