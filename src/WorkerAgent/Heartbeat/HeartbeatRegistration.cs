using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Heartbeat;

/// <summary>Registers the heartbeat.</summary>
internal static class HeartbeatRegistration
{
    /// <summary>Adds the heartbeat publisher.</summary>
    public static WebApplicationBuilder AddHeartbeat(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HeartbeatFactory>();
        // Straight to the bus, not through the board events' queue: a stale heartbeat is worth nothing.
        builder.Services.AddHostedService(sp => new HeartbeatService(
            sp.GetRequiredService<HeartbeatFactory>(),
            sp.GetRequiredService<BusEventPublisher>(),
            sp.GetRequiredService<IOptions<WorkerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HeartbeatService>>()));
        return builder;
    }
}
