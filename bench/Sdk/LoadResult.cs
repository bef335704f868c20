using IceFarm.Client.Evaluation;

namespace IceFarm.Bench.Sdk;

/// <summary>What one evaluation run returned, how long it took, and whether every bitstream got exactly one value.</summary>
/// <param name="Results">Every result, in the order the SDK yielded them.</param>
/// <param name="Wall">From <c>EvaluateAsync</c> to the last result.</param>
/// <param name="Started">Stopwatch timestamp of the start.</param>
/// <param name="AccountingError">Null when every bitstream has exactly one successful result.</param>
/// <param name="Cpu">CPU time of the whole process (SDK, service, worker, simulator) during the run.</param>
internal sealed record LoadResult(IReadOnlyList<EvaluationResult> Results, TimeSpan Wall, long Started, string? AccountingError, TimeSpan Cpu, GcDuring Gc)
{
    /// <summary>From the reservation's request until every board reported ready (each flashed the kind's firmware).</summary>
    public Readiness Ready { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>CPU of the whole machine during the run (this process, the broker, the database, the rest).</summary>
    public MachineCpu Machine { get; init; } = new(0, 0, 0, 0);

    public double PerSecond => Results.Count / Wall.TotalSeconds;

    public double CpuMsPerResult => Cpu.TotalMilliseconds / Math.Max(1, Results.Count);
}
