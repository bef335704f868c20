namespace IceFarm.WorkerAgent.Startup;

/// <summary>Registers the worker's start-up recovery of its boards' reservations.</summary>
internal static class StartupRegistration
{
    public static WebApplicationBuilder AddAssignmentRecovery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StartupOptions>().BindConfiguration(StartupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WorkerInstance>();
        builder.Services.AddSingleton<CommandGate>();
        builder.Services.AddSingleton<EvaluationDeliveries>();
        builder.Services.AddHostedService<AssignmentRecovery>();
        return builder;
    }
}
