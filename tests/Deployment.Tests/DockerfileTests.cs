using System.Xml.Linq;

namespace IceFarm.Deployment.Tests;

/// <summary>The three Dockerfiles: central build files in the build, the projects they need, a non-root runtime.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Services => ["ReservationService", "AdminApi", "WorkerAgent"];

    private static readonly string[] CentralFiles =
        ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "eng/BannedSymbols.txt"];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_build_stage_copies_the_central_build_files(string service)
    {
        var build = Load(service).Stages[0];
        var sources = Dockerfile.ContextSources(build).ToHashSet(StringComparer.Ordinal);

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build[0].Arguments, StringComparison.Ordinal);
        Assert.All(CentralFiles, file => Assert.Contains(file, sources));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_build_stage_copies_every_project_the_service_references(string service)
    {
        var sources = Dockerfile.ContextSources(Load(service).Stages[0]).ToHashSet(StringComparer.Ordinal);

        foreach (var project in ProjectClosure($"src/{service}/{service}.csproj"))
        {
            var folder = project[..(project.LastIndexOf('/') + 1)];
            Assert.True(sources.Contains(project), $"{service}/Dockerfile does not copy {project} before the restore");
            Assert.True(sources.Contains(folder), $"{service}/Dockerfile does not copy {folder}");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_is_the_aspnet_runtime_running_as_a_non_root_user(string service)
    {
        var final = Load(service).Final;
        var user = final.LastOrDefault(i => i.Keyword == "USER")?.Arguments;

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", final[0].Arguments, StringComparison.Ordinal);
        Assert.NotNull(user);
        Assert.DoesNotMatch("^(root|0)(:.*)?$", user);
        // USER comes after every RUN, so nothing is left running as root.
        Assert.True(final.ToList().FindLastIndex(i => i.Keyword == "USER") > final.ToList().FindLastIndex(i => i.Keyword == "RUN"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_entry_point_runs_the_service_as_PID_1(string service)
    {
        var entry = Load(service).Final.Single(i => i.Keyword == "ENTRYPOINT").Arguments;

        // Exec form: dotnet is PID 1 and receives SIGTERM itself (the worker drains on it).
        Assert.Equal($"[\"dotnet\", \"IceFarm.{service}.dll\"]", entry);
    }

    [Fact]
    public void The_worker_image_user_is_in_the_device_groups()
    {
        var final = Load("WorkerAgent").Final;

        Assert.Contains(final, i => i.Keyword == "RUN" && i.Arguments.Contains("dialout,disk", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_but_not_the_central_files()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.DoesNotContain(ignored, pattern => CentralFiles.Any(f => f.StartsWith(pattern.TrimEnd('/'), StringComparison.Ordinal)) || pattern is "src/" or "eng/");
    }

    private static Dockerfile Load(string service) => Dockerfile.Parse(Repository.Read($"src/{service}/Dockerfile"));

    // The project and every project it references, transitively, as repository-relative paths.
    private static SortedSet<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Repository.PathOf(next))!;
            foreach (var reference in XDocument.Load(Repository.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }
}
