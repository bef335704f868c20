using IceFarm.ReservationService.Drain.SagaStore;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>The drain saga's registrations: services, bus, endpoint and store.</summary>
internal static class DrainSetup
{
    public static WebApplicationBuilder AddDrain(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<IDrainActions, MartenDrainActions>();
        builder.Services.AddSingleton<DrainMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DrainMonitor>());
        return builder;
    }

    public static void AddDrainSaga(this IBusRegistrationConfigurator bus)
    {
        bus.AddSagaStateMachine<DrainStateMachine, DrainState, DrainSagaDefinition>().Repository(r => r.UseMartenSagaStore());
        bus.AddConsumer<DrainingClientsNotifier>();
        bus.AddConsumer<DrainLeaseRouter>();
        bus.AddConsumer<WorkerStoppingConsumer>();
    }

    /// <summary>On the admin endpoint, where <c>DrainWorker</c> is sent; the saga's other events are published to it.</summary>
    public static void ConfigureDrain(this IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context)
    {
        endpoint.ConfigureSaga<DrainState>(context);
        endpoint.ConfigureConsumer<DrainingClientsNotifier>(context);
        endpoint.ConfigureConsumer<DrainLeaseRouter>(context);
        endpoint.ConfigureConsumer<WorkerStoppingConsumer>(context);
    }

    public static void ConfigureDrainStore(this StoreOptions options)
    {
        options.Schema.For<DrainState>().Identity(x => x.CorrelationId).UseOptimisticConcurrency(true);
    }
}
