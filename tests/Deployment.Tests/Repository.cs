namespace IceFarm.Deployment.Tests;

/// <summary>Files of the repository under test, found from the test assembly's folder.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding IceFarm.slnx.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The chart's folder, helm/icefarm.</summary>
    public static string Chart => Path.Combine(Root, "helm", "icefarm");

    /// <summary>The full path of a repository-relative path written with '/'.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The text of a repository-relative file.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IceFarm.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IceFarm.slnx above {AppContext.BaseDirectory}.");
    }
}
