using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Workers;

/// <summary>Registers the worker's identity options.</summary>
internal static class WorkerRegistration
{
    /// <summary>Binds and validates the <c>Worker</c> section.</summary>
    public static WebApplicationBuilder AddWorkerOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IPostConfigureOptions<WorkerOptions>, WorkerOptionsSetup>();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        return builder;
    }
}
