using System.ComponentModel.DataAnnotations;

namespace IceFarm.FarmData.Quotas;

/// <summary>The quotas of a client an admin has not given its own (docs/scheduling.md, "Quotas").</summary>
internal sealed class QuotaOptions
{
    public const string Section = "Quotas";

    [Range(1, 10_000)]
    public int MaxBoards { get; set; } = 64;

    [Range(1, 1_000)]
    public int MaxReservations { get; set; } = 32;

    [Range(0, 100)]
    public int MaxWaiting { get; set; } = 8;

    /// <summary>Board-hours per 24 h; unset (the default) means no daily limit.</summary>
    [Range(0.001, 10_000_000)]
    public double? MaxBoardHoursPerDay { get; set; }

    [Range(-100, 100)]
    public int Priority { get; set; }
}
