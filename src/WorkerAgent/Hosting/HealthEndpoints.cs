using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IceFarm.WorkerAgent.Hosting;

/// <summary>The worker's only inbound HTTP surface: liveness.</summary>
internal static class HealthEndpoints
{
    /// <summary>Registers the health checks.</summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /healthz</c> (liveness: the process answers; no dependency is checked, so a broker
    /// outage does not get the worker restarted) and <c>GET /readyz</c> (every check, the bus included).
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        return app;
    }
}
