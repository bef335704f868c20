using IceFarm.ServiceDefaults;

namespace IceFarm.WorkerAgent.Metrics;

/// <summary>The worker's meters, exported on <c>/metrics</c> (Prometheus) beside the process metrics of ServiceDefaults.</summary>
internal static class MetricsRegistration
{
    public static WebApplicationBuilder AddWorkerMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton<EvaluationEndObserver>();
        return builder.AddServiceMeter(WorkerMetrics.MeterName);
    }
}
