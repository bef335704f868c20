using IceFarm.ServiceDefaults;

namespace IceFarm.ReservationService.Metrics;

/// <summary>The farm's own meter and its sampled gauges, exported beside the process metrics of ServiceDefaults.</summary>
internal static class MetricsSetup
{
    public static WebApplicationBuilder AddFarmMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.SampleInterval > TimeSpan.Zero, "Metrics:SampleInterval must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<FarmMetrics>();
        builder.Services.AddHostedService<FarmGaugeSampler>();
        return builder.AddServiceMeter(FarmMetrics.MeterName);
    }
}
