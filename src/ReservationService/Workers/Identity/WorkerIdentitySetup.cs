using MassTransit;

namespace IceFarm.ReservationService.Workers.Identity;

/// <summary>Registers the sender check and puts it on the receive endpoints.</summary>
internal static class WorkerIdentitySetup
{
    public static WebApplicationBuilder AddWorkerIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerIdentityOptions>().BindConfiguration(WorkerIdentityOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<WorkerIdentityMetrics>();
        return builder;
    }

    /// <summary>Every message this endpoint receives passes the check first.</summary>
    public static void UseWorkerSenderCheck(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context) =>
        endpoint.UseConsumeFilter(typeof(WorkerSenderFilter<>), context);
}
