namespace IceFarm.Bench.Sdk;

/// <summary>What the garbage collector did during a run: bytes allocated, collections per generation, time paused.</summary>
internal sealed record GcDuring(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    /// <summary>The collector's counters now; subtract two of these to get a run's share.</summary>
    public static GcDuring Now() => new(
        GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcDuring operator -(GcDuring after, GcDuring before) => new(
        after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    /// <summary>One line for the report, per result of the run.</summary>
    public string Describe(int results, TimeSpan wall) =>
        $"{AllocatedBytes / 1024.0 / Math.Max(1, results):F0} kB allocated per evaluation; {Gen0} gen0, {Gen1} gen1, {Gen2} gen2 collections; " +
        $"paused {Paused.TotalMilliseconds:F0} ms ({100 * Paused / wall:F1}% of the run)";
}
