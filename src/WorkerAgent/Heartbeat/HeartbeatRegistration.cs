namespace IceFarm.WorkerAgent.Heartbeat;

/// <summary>Registers the heartbeat.</summary>
internal static class HeartbeatRegistration
{
    /// <summary>Adds the heartbeat publisher.</summary>
    public static WebApplicationBuilder AddHeartbeat(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HeartbeatFactory>();
        builder.Services.AddHostedService<HeartbeatService>();
        return builder;
    }
}
