using Microsoft.Playwright;

namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>
/// Debian's chromium driven by Playwright: no browser download is possible here, so the executable is always given.
/// The build installs it (eng/infra/ensure-chromium.sh); <c>ICEFARM_CHROMIUM</c> points elsewhere.
/// </summary>
internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("ICEFARM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No chromium at {ExecutablePath}. Run eng/infra/ensure-chromium.sh as root (apt-get install -y chromium), or set ICEFARM_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Where screenshots go: the repository's docs/ folder (found from the test's output directory) when
    /// <c>ICEFARM_UPDATE_SCREENSHOTS=1</c>, otherwise a folder under the temp directory, so an ordinary test run leaves
    /// the working tree as it was (the screenshots differ in every run: times, ids).
    /// </summary>
    public static string DocsPath(string file)
    {
        var docs = Environment.GetEnvironmentVariable("ICEFARM_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot() ?? throw new InvalidOperationException("IceFarm.slnx not found above the test's output"), "docs")
            : Path.Combine(Path.GetTempPath(), "icefarm-panel-screenshots");
        Directory.CreateDirectory(docs);
        return Path.Combine(docs, file);
    }

    private static string? RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IceFarm.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}
