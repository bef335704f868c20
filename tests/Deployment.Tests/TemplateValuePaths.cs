using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IceFarm.Deployment.Tests;

/// <summary>The <c>.Values.a.b.c</c> paths a helm template reads, and those values.yaml lacks.</summary>
internal static partial class TemplateValuePaths
{
    /// <summary>One use of a values path.</summary>
    internal sealed record Use(string File, int Line, string Path);

    /// <summary>Every <c>.Values…</c> path in <paramref name="text"/> (also <c>$.Values…</c> and <c>.root.Values…</c>).</summary>
    public static IEnumerable<Use> Find(string file, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in ValuesPath().Matches(lines[i]))
            {
                yield return new Use(file, i + 1, match.Groups["path"].Value);
            }
        }
    }

    /// <summary>The uses whose path is not in <paramref name="values"/>.</summary>
    public static IReadOnlyList<Use> Missing(IEnumerable<Use> uses, JsonNode values) =>
        [.. uses.Where(use => !ChartValues.Has(values, use.Path))];

    /// <summary>Every file under the chart's templates/ folder, with its name relative to the chart.</summary>
    public static IEnumerable<(string File, string Text)> ChartTemplates() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Chart, "templates"), "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(Repository.Chart, path), File.ReadAllText(path)));

    [GeneratedRegex(@"\.Values\.(?<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValuesPath();
}
