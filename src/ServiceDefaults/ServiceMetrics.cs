using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace IceFarm.ServiceDefaults;

/// <summary>OpenTelemetry metrics exported for Prometheus at <c>/metrics</c>: ASP.NET Core's, the runtime's and the service's own meters.</summary>
internal static class ServiceMetrics
{
    public static WebApplicationBuilder AddServiceMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Exports the meter named <paramref name="meterName"/> beside the defaults (a feature calls it where it defines its meter).</summary>
    public static WebApplicationBuilder AddServiceMeter(this WebApplicationBuilder builder, string meterName)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(meterName));
        return builder;
    }

    public static WebApplication MapServiceMetrics(this WebApplication app)
    {
        // The platform scrapes without a token (docs/operations.md); the limits leave /metrics alone too.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
