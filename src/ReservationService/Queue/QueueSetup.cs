using IceFarm.FarmData.Queue;

namespace IceFarm.ReservationService.Queue;

internal static class QueueSetup
{
    /// <summary>The farm-wide wait queue: stored requests, the server that grants them, the line that holds their clients.</summary>
    public static WebApplicationBuilder AddQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HeldRequests>();
        builder.Services.AddSingleton<QueueSignals>();
        builder.Services.AddSingleton<FarmCapacity>();
        builder.Services.AddSingleton<QueueReader>();
        builder.Services.AddSingleton<QueueServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueServer>());
        builder.Services.AddSingleton<WaitingLine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WaitingLine>());
        return builder;
    }
}
