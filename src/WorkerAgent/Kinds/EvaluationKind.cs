using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Kinds;

/// <summary>
/// A reservation kind the worker can serve: the firmware it flashes, the line that carries its result, its
/// typed arguments and how a result line becomes a value. New kinds are added to <see cref="KindRegistry"/>.
/// </summary>
internal abstract class EvaluationKind
{
    /// <summary>The kind's name on the bus and in the API (lower case).</summary>
    public abstract string Name { get; }

    /// <summary>The firmware that serves it.</summary>
    public abstract FirmwareKind Firmware { get; }

    /// <summary>The firmware line that ends an evaluation with its measurement.</summary>
    public abstract FirmwareLineKind ResultLine { get; }

    /// <summary>Validates the reservation's arguments; the typed arguments, or null with the reason they were refused.</summary>
    public abstract KindArguments? Parse(IReadOnlyDictionary<string, string> args, out string? error);

    /// <summary>The value a <see cref="ResultLine"/> line stands for under <paramref name="arguments"/>.</summary>
    public abstract EvaluationValue Measure(FirmwareLine result, KindArguments arguments);

    /// <summary>Refuses every argument not in <paramref name="known"/>, naming the ones accepted.</summary>
    protected static string? UnknownArguments(IReadOnlyDictionary<string, string> args, params string[] known)
    {
        var unknown = args.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }

        var accepted = known.Length == 0 ? "it takes no arguments" : $"it accepts {string.Join(", ", known.Select(k => $"'{k}'"))}";
        return $"unknown argument{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(k => $"'{k}'"))}; {accepted}";
    }
}
