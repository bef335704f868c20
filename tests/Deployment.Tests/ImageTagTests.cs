using System.Diagnostics;
using System.Xml.Linq;

namespace IceFarm.Deployment.Tests;

/// <summary>eng/image-tag.sh gives the tags docs/deploy.md promises.</summary>
public sealed class ImageTagTests
{
    private static readonly string Version =
        XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("Version").Single().Value.Trim();

    [Theory]
    [InlineData("main", "")]
    [InlineData("development", "-dev")]
    [InlineData("feature/Drain_SIGTERM", "-feature-drain-sigterm")]
    [InlineData("issue-8/helm+docker", "-issue-8-helm-docker")]
    [InlineData("Release/1.2", "-release-1-2")]
    [InlineData("-odd--name-", "-odd-name")]
    [InlineData("dev", "-dev")]                                  // only "development" is the dev branch; "dev" sanitises the same way
    [InlineData("main-fix", "-main-fix")]                       // only exactly "main" is a release
    public async Task A_branch_gets_its_documented_tag(string branch, string suffix)
    {
        var (exitCode, output, error) = await RunAsync([branch]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(Version + suffix, output);
    }

    [Fact]
    public async Task The_branch_can_come_from_ICEFARM_BRANCH()
    {
        var (exitCode, output, error) = await RunAsync([], ("ICEFARM_BRANCH", "development"));

        Assert.True(exitCode == 0, error);
        Assert.Equal(Version + "-dev", output);
    }

    [Fact]
    public async Task A_long_branch_is_cut_to_a_valid_tag()
    {
        var (exitCode, output, error) = await RunAsync(["feature/" + new string('x', 300) + "-y"]);

        Assert.True(exitCode == 0, error);
        Assert.True(output.Length <= 128, $"{output.Length} characters");
        Assert.StartsWith(Version + "-feature-xxx", output, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9][a-z0-9._-]*[a-z0-9]$", output);
    }

    [Fact]
    public async Task A_branch_with_nothing_usable_fails()
    {
        var (exitCode, output, _) = await RunAsync(["__/__"]);

        Assert.NotEqual(0, exitCode);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task The_version_comes_from_Directory_Build_props()
    {
        var props = Path.Combine(Path.GetTempPath(), $"icefarm-props-{Guid.NewGuid():N}.props");
        await File.WriteAllTextAsync(props, "<Project><PropertyGroup><Version>3.14.15</Version></PropertyGroup></Project>");
        try
        {
            var (exitCode, output, error) = await RunAsync(["development"], ("ICEFARM_BUILD_PROPS", props));

            Assert.True(exitCode == 0, error);
            Assert.Equal("3.14.15-dev", output);
        }
        finally
        {
            File.Delete(props);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.PathOf("eng/image-tag.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ICEFARM_BRANCH");
        start.Environment.Remove("ICEFARM_BUILD_PROPS");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}
