using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// IceFarm.Contracts, IceFarm.Client and the IceFarm.Cli tool packed once, by one <c>dotnet pack</c> of a copy of their
/// sources, into a folder feed with the client's third-party dependencies beside them (as nuget.org would serve them).
/// Packed on first use, so a failure shows its output in the test that asked.
/// </summary>
public sealed class PackedClient : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(6);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("icefarm-packed-");
    private readonly Lazy<Task<(int Exit, string Output)>> _packing;

    public PackedClient()
    {
        Version = $"0.0.1-test{Guid.NewGuid():N}"[..20];
        Feed = Path.Combine(_work.FullName, "feed");
        _packing = new(PackAsync);
    }

    /// <summary>The packages' version.</summary>
    public string Version { get; }

    /// <summary>The folder feed.</summary>
    public string Feed { get; }

    /// <summary>The repository the sources were copied from.</summary>
    public string Repository { get; } = PackedSources.Repository();

    /// <summary>Packs (the first time) and returns what packing printed; fails the calling test if it failed.</summary>
    public async Task PackedAsync()
    {
        var (exit, output) = await _packing.Value;
        Assert.True(exit == 0, output);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<(int Exit, string Output)> PackAsync()
    {
        var sources = Path.Combine(_work.FullName, "src");
        PackedSources.CopyTo(sources);
        // One build of the three projects: packing them one by one compiled the shared ones again each time.
        await File.WriteAllTextAsync(Path.Combine(sources, "Packed.slnx"), """
            <Solution>
              <Project Path="src/Contracts/Contracts.csproj" />
              <Project Path="src/ClientSdk/ClientSdk.csproj" />
              <Project Path="src/ClientSdk/Cli/Cli.csproj" />
            </Solution>
            """);
        var pack = await DotnetCli.RunAsync(sources, new Dictionary<string, string>(), Step,
            "pack", "Packed.slnx", "-c", "Release", $"-p:PackageOutputPath={Feed}", $"-p:Version={Version}");
        if (pack.Exit == 0)
        {
            CopyThirdPartyDependencies(Path.Combine(Feed, $"IceFarm.Client.{Version}.nupkg"));
        }

        return pack;
    }

    /// <summary>The client's dependencies other than IceFarm's (Polly.Core) come from this machine's NuGet folder.</summary>
    private void CopyThirdPartyDependencies(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        var global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var dependencies = document.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (Id: e.Attribute("id")!.Value, Version: e.Attribute("version")!.Value.Trim('[', ']', '(', ')').Split(',')[0]))
            .Where(d => !d.Id.StartsWith("IceFarm.", StringComparison.Ordinal))
            .Distinct();
        foreach (var (id, version) in dependencies)
        {
            var name = $"{id.ToLowerInvariant()}.{version}.nupkg";
            File.Copy(Path.Combine(global, id.ToLowerInvariant(), version, name), Path.Combine(Feed, name));
        }
    }
}
