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
    /// Most evaluations waiting or running on one board of a reservation; more gets 429 (back-pressure). Counted in the
    /// store, so it holds across replicas; two uploads for one board racing may both pass (a guard, not a quota).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxOpenPerBoard { get; set; } = 1_000;

    /// <summary>Most evaluations (bitstreams × boards) one upload may make.</summary>
    [Range(1, 1_000_000)]
    public int MaxEvaluationsPerUpload { get; set; } = 10_000;

    /// <summary>Most bytes one upload may send to the workers (each bitstream's size × its boards): bus traffic per request.</summary>
    [Range(1_000_000, 100_000_000_000)]
    public long MaxFanOutBytes { get; set; } = 1024L * 1024 * 1024;
}
