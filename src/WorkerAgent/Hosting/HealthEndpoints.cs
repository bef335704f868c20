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

    /// <summary>Maps <c>GET /healthz</c>.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }
}
