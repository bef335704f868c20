namespace IceFarm.ReservationService.Metrics;

internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>How often the gauges are sampled from the projections.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}
