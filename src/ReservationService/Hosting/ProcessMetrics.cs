using OpenTelemetry.Metrics;

namespace IceFarm.ReservationService.Hosting;

/// <summary>OpenTelemetry metrics exported for Prometheus at <c>/metrics</c>: ASP.NET Core's, the runtime's and the given meters.</summary>
internal static class ProcessMetrics
{
    public static WebApplicationBuilder AddPrometheusMetrics(this WebApplicationBuilder builder, params string[] meters)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(meters)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapPrometheusMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
