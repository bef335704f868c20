using IceFarm.Broker;
using IceFarm.Contracts.Admin;
using IceFarm.ReservationService.Admin;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Maintenance;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Workers;
using IceFarm.ReservationService.Workers.Identity;
using IceFarm.ServiceDefaults;
using MassTransit;

namespace IceFarm.ReservationService.Hosting;

/// <summary>MassTransit on RabbitMQ: one ordered endpoint for the farm's state, one concurrent endpoint for results.</summary>
internal static class BusSetup
{
    /// <summary>Heartbeats and board state changes from the workers, applied in order.</summary>
    public const string FarmStateQueue = "reservation-service-farm-state";

    public static WebApplicationBuilder AddFarmBus(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WorkerCommands>();
        builder.Services.AddSingleton<FarmStateConnection>();
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<FarmStateConnection>());
        builder.Services.WaitForBusAtStart();
        builder.Services.AddServiceBus(bus =>
        {
            bus.AddConsumer<WorkerHeartbeatConsumer>();
            bus.AddConsumer<WorkerHelloConsumer>();
            bus.AddConsumer<DeviceStateChangedConsumer>();
            bus.AddConsumer<DeviceInitializedConsumer>();
            bus.AddConsumer<EvaluationCompletedConsumer>();
            bus.AddConsumer<EvaluationFailedConsumer>();
            bus.AddConsumer<EndReservationByAdminConsumer>();
            bus.AddConsumer<ExtendReservationByAdminConsumer>();
            bus.AddConsumer<DeviceActionForwarder>();
            bus.AddConsumer<WorkerMaintenanceConsumer>();
            bus.AddConsumer<DeviceHoldConsumer>();
            bus.AddConsumer<DeviceHealthCheckedConsumer>();
            bus.AddDrainSaga();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.ConnectToBroker(context);
                // Heartbeats and state changes are applied one at a time, in the order each worker sent them: one
                // message at a time in a replica, and one replica at a time (RabbitMQ's single active consumer: the
                // other replicas' consumers wait and one takes over when the active one goes away).
                rabbit.ReceiveEndpoint(FarmStateQueue, e =>
                {
                    e.SingleActiveConsumer = true;
                    e.PrefetchCount = 16;
                    e.ConcurrentMessageLimit = 1;
                    e.UseWorkerSenderCheck(context);
                    e.UseDatabaseOutageRetry();
                    e.UseMessageRetry(r => r.Intervals(50, 200, 1000));
                    e.ConfigureConsumer<WorkerHeartbeatConsumer>(context);
                    e.ConfigureConsumer<WorkerHelloConsumer>(context);
                    e.ConfigureConsumer<DeviceStateChangedConsumer>(context);
                    e.ConfigureConsumer<DeviceInitializedConsumer>(context);
                    e.ConfigureConsumer<DeviceHealthCheckedConsumer>(context);
                });
                rabbit.ReceiveEndpoint(AdminQueues.ReservationService, e =>
                {
                    e.UseWorkerSenderCheck(context);
                    e.UseDatabaseOutageRetry();
                    e.UseMessageRetry(r => r.Intervals(50, 200, 1000));
                    e.ConfigureConsumer<EndReservationByAdminConsumer>(context);
                    e.ConfigureConsumer<ExtendReservationByAdminConsumer>(context);
                    e.ConfigureConsumer<DeviceActionForwarder>(context);
                    e.ConfigureConsumer<WorkerMaintenanceConsumer>(context);
                    e.ConfigureConsumer<DeviceHoldConsumer>(context);
                    e.ConfigureDrain(context);
                });
                rabbit.ReceiveEndpoint("reservation-service-results", e =>
                {
                    e.PrefetchCount = 256;
                    e.ConcurrentMessageLimit = 64;
                    e.UseWorkerSenderCheck(context);
                    // Results wait for their event to be stored (the writer retries on its own); what else reads the
                    // store (failing the open evaluations of a lost board) retries here.
                    e.UseDatabaseOutageRetry();
                    e.ConfigureConsumer<EvaluationCompletedConsumer>(context);
                    e.ConfigureConsumer<EvaluationFailedConsumer>(context);
                });
            });
        });
        return builder;
    }
}
