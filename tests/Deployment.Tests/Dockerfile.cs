namespace IceFarm.Deployment.Tests;

/// <summary>A Dockerfile's instructions (continuation lines joined, comments dropped), split into stages.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<Instruction>> stages) => Stages = stages;

    /// <summary>One instruction: the upper-cased keyword and the rest of the line.</summary>
    internal sealed record Instruction(string Keyword, string Arguments);

    /// <summary>The stages in order, each starting with its FROM.</summary>
    public IReadOnlyList<IReadOnlyList<Instruction>> Stages { get; }

    /// <summary>The stage that makes the image.</summary>
    public IReadOnlyList<Instruction> Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var stages = new List<List<Instruction>>();
        var pending = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = string.Empty;
            if (whole.Length == 0)
            {
                continue;
            }

            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            var instruction = space < 0
                ? new Instruction(whole.ToUpperInvariant(), string.Empty)
                : new Instruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            if (stages.Count == 0)
            {
                throw new FormatException($"'{whole}' before the first FROM");
            }

            stages[^1].Add(instruction);
        }

        return new Dockerfile(stages);
    }

    /// <summary>The sources of every COPY of a stage that copies from the build context (no --from).</summary>
    public static IEnumerable<string> ContextSources(IEnumerable<Instruction> stage) =>
        stage.Where(i => i.Keyword == "COPY" && !i.Arguments.Contains("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Where(word => !word.StartsWith("--", StringComparison.Ordinal));
}
