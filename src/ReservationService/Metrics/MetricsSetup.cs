using OpenTelemetry.Metrics;

namespace IceFarm.ReservationService.Metrics;

/// <summary>OpenTelemetry meters exported for Prometheus at <c>/metrics</c>: the farm's own, ASP.NET Core's and the runtime's.</summary>
internal static class MetricsSetup
{
    public static WebApplicationBuilder AddFarmMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.SampleInterval > TimeSpan.Zero, "Metrics:SampleInterval must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<FarmMetrics>();
        builder.Services.AddHostedService<FarmGaugeSampler>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FarmMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapFarmMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
