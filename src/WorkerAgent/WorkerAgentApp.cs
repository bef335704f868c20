using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Draining;
using IceFarm.WorkerAgent.Heartbeat;
using IceFarm.WorkerAgent.Metrics;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Startup;
using IceFarm.WorkerAgent.Workers;
using IceFarm.ServiceDefaults;

namespace IceFarm.WorkerAgent;

/// <summary>The worker agent's composition: one line per feature.</summary>
internal static class WorkerAgentApp
{
    /// <summary>
    /// Builds the worker. <paramref name="configure"/> runs after the defaults, so tests can add
    /// configuration (connection string, worker name, URLs) or replace services.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("worker-agent");
        builder.AddWorkerOptions();
        builder.AddBoards();
        builder.AddHeartbeat();
        builder.AddWorkerBus();
        builder.AddAssignmentRecovery();
        builder.AddDrain();
        builder.AddWorkerMetrics();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapFaultInjection();
        return app;
    }
}
