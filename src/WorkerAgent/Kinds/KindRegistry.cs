using System.Diagnostics.CodeAnalysis;

namespace IceFarm.WorkerAgent.Kinds;

/// <summary>The reservation kinds this build of the worker can serve, by name (case-insensitive).</summary>
internal sealed class KindRegistry
{
    private readonly Dictionary<string, EvaluationKind> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry of <paramref name="kinds"/>; names must be unique.</summary>
    public KindRegistry(IEnumerable<EvaluationKind> kinds)
    {
        foreach (var kind in kinds)
        {
            if (!_byName.TryAdd(kind.Name, kind))
            {
                throw new ArgumentException($"Kind '{kind.Name}' is registered twice.", nameof(kinds));
            }
        }
    }

    /// <summary>The kinds of iCEFARM's firmwares: <c>pulsecount</c> and <c>variance</c>.</summary>
    public static KindRegistry Default { get; } = new([new PulseCountKind(), new VarianceKind()]);

    /// <summary>Every registered name.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The kind called <paramref name="name"/>, if registered.</summary>
    public bool TryGet(string? name, [NotNullWhen(true)] out EvaluationKind? kind)
    {
        kind = null;
        return name is not null && _byName.TryGetValue(name, out kind);
    }
}
