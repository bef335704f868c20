namespace IceFarm.Client.Tests;

/// <summary>
/// A copy of what packing the client needs (Contracts, ClientSdk with its Cli, the shared build files) in a temporary
/// folder, so the package tests never rewrite the repository's build output while other tests use it.
/// </summary>
internal static class PackedSources
{
    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IceFarm.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The test runs outside the repository: IceFarm.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Copies the sources to <paramref name="to"/>; returns the repository's path.</summary>
    public static string CopyTo(string to)
    {
        var repo = Repository();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "eng/BannedSymbols.txt" })
        {
            Copy(Path.Combine(repo, file), Path.Combine(to, file));
        }

        CopyTree(Path.Combine(repo, "src/Contracts"), Path.Combine(to, "src/Contracts"));
        CopyTree(Path.Combine(repo, "src/ClientSdk"), Path.Combine(to, "src/ClientSdk"));
        return repo;
    }

    /// <summary>A nuget.config that knows only the folder feed: nothing is fetched from anywhere else.</summary>
    public static Task WriteFeedOnlyConfigAsync(string directory, string feed) =>
        File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Copy(file, Path.Combine(to, relative));
        }
    }
}
