using OpenTelemetry.Metrics;

namespace IceFarm.WorkerAgent.Metrics;

/// <summary>The worker's meters on <c>/metrics</c> (Prometheus), next to its health endpoints.</summary>
internal static class MetricsRegistration
{
    public static WebApplicationBuilder AddWorkerMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton<EvaluationEndObserver>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WorkerMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapWorkerMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
