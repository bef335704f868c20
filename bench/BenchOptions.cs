using System.Globalization;

namespace IceFarm.Bench;

/// <summary>The bench's command line: `--name value` pairs, each with a default.</summary>
internal sealed record BenchOptions(IReadOnlyList<string> Suites, int[] Boards, int Clients, int Reservations, IReadOnlyDictionary<string, string> All)
{
    private static readonly string[] AllSuites = ["farm", "boards", "sdk"];

    public bool Runs(string suite) => Suites.Contains(suite, StringComparer.Ordinal);

    public string Get(string name, string fallback) => All.GetValueOrDefault(name) is { Length: > 0 } v ? v : fallback;

    public int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static BenchOptions Parse(string[] args)
    {
        var all = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length && !args[x.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[x.i + 1] : "", StringComparer.Ordinal);
        string Get(string name, string fallback) => all.GetValueOrDefault(name) is { Length: > 0 } v ? v : fallback;
        var suites = Get("suite", string.Join(',', AllSuites)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = suites.Except(AllSuites, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown suite(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllSuites)}");
        }

        return new BenchOptions(
            suites,
            Get("boards", "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Get("clients", "100"), CultureInfo.InvariantCulture),
            int.Parse(Get("reservations", "2000"), CultureInfo.InvariantCulture),
            all);
    }
}
