namespace IceFarm.Testing;

/// <summary>The checkout the tests run from: the folder holding IceFarm.slnx above the test's output.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "IceFarm.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IceFarm.slnx not found above " + AppContext.BaseDirectory);
    }
}
