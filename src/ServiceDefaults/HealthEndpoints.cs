using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.ServiceDefaults;

/// <summary>Liveness and readiness of every IceFarm service, for the platform's probes (never rate-limited, no token).</summary>
internal static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    /// <summary>Registers the health checks (the bus adds its own, tagged by MassTransit).</summary>
    public static WebApplicationBuilder AddHealthEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /healthz</c> (liveness: the process answers; no dependency is checked, so a broker or database outage
    /// does not get the process restarted) and <c>GET /readyz</c> (every check, the bus included).
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet(Liveness, () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks(Readiness).AllowAnonymous();
        return app;
    }

    /// <summary>A probe's or a scrape's request: the platform's, not a caller's.</summary>
    public static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Liveness, StringComparison.Ordinal)
        || context.Request.Path.StartsWithSegments(Readiness, StringComparison.Ordinal)
        || context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal);
}
