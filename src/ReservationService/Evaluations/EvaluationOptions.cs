using System.ComponentModel.DataAnnotations;

namespace IceFarm.ReservationService.Evaluations;

internal sealed class EvaluationOptions
{
    public const string Section = "Evaluations";

    /// <summary>Largest submission body; 128 MiB holds about 1,290 bitstreams.</summary>
    [Range(1_000_000, 2_000_000_000)]
    public long MaxRequestBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Most bitstreams in one submission.</summary>
    [Range(1, 100_000)]
    public int MaxBitstreamsPerRequest { get; set; } = 1_000;

    /// <summary>
    /// Most evaluations waiting or running on one board of a reservation; more gets 429 (back-pressure). Each replica
    /// counts those it knows of, so with several replicas the bound is approximate.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxOpenPerBoard { get; set; } = 1_000;

    /// <summary>
    /// How often a replica forgets the evaluations another replica ended, so that they stop counting against its bound.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan LedgerSyncInterval { get; set; } = TimeSpan.FromSeconds(1);
}
