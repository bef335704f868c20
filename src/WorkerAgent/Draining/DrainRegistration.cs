using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Draining;

/// <summary>Registers the drain on shutdown; call after the bus so the host stops it before the bus.</summary>
internal static class DrainRegistration
{
    /// <summary>Adds the drain state, the shutdown hook, and a host shutdown timeout long enough for the drain.</summary>
    public static WebApplicationBuilder AddDrain(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddHostedService<DrainOnShutdown>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
        {
            // The drain waits up to its deadline plus a margin; the host must not cut it short.
            host.ShutdownTimeout = worker.Value.DrainDeadline + worker.Value.DrainGrace + TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
