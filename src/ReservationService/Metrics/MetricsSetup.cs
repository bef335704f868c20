using IceFarm.ReservationService.Hosting;

namespace IceFarm.ReservationService.Metrics;

/// <summary>The farm's own meter, sampled gauges and the Prometheus endpoint.</summary>
internal static class MetricsSetup
{
    public static WebApplicationBuilder AddFarmMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.SampleInterval > TimeSpan.Zero, "Metrics:SampleInterval must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<FarmMetrics>();
        builder.Services.AddHostedService<FarmGaugeSampler>();
        return builder.AddPrometheusMetrics(FarmMetrics.MeterName);
    }

    public static IEndpointRouteBuilder MapFarmMetrics(this WebApplication app)
    {
        app.MapPrometheusMetrics();
        return app;
    }
}
