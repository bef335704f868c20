using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IceFarm.ServiceDefaults;

/// <summary>The one entry point every IceFarm service's start-up calls (docs/service-defaults.md).</summary>
internal static class ServiceDefaultsSetup
{
    /// <summary>
    /// The clock (<see cref="TimeProvider.System"/> unless a test put its own first), Serilog's console format with
    /// <paramref name="service"/> in every line, OpenTelemetry metrics for Prometheus, and the health checks.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string service)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceLogging(service);
        builder.AddServiceMetrics();
        builder.AddHealthEndpoints();
        return builder;
    }

    /// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapServiceMetrics();
        return app;
    }
}
