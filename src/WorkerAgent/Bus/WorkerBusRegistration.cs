using IceFarm.Broker;
using IceFarm.Contracts.Workers;
using IceFarm.ServiceDefaults;
using IceFarm.WorkerAgent.Draining;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>MassTransit over RabbitMQ: one receive endpoint, <c>worker-{name}</c>, for the commands to this worker.</summary>
internal static class WorkerBusRegistration
{
    /// <summary>Adds the bus, its consumers and the event publisher.</summary>
    public static WebApplicationBuilder AddWorkerBus(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BusEventPublisher>();
        builder.Services.AddSingleton<QueuedEventPublisher>();
        builder.Services.AddHostedService(sp => new QueuedEventPump(
            sp.GetRequiredService<QueuedEventPublisher>(),
            sp.GetRequiredService<BusEventPublisher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<QueuedEventPump>>()));
        builder.Services.AddServiceBus(x =>
        {
            x.AddConsumer<PrepareDeviceConsumer>();
            x.AddConsumer<EvaluateBitstreamConsumer>();
            x.AddConsumer<ReleaseDeviceConsumer>();
            x.AddConsumer<RebootDeviceConsumer>();
            x.AddConsumer<ForgetDeviceConsumer>();
            x.AddConsumer<WorkerDrainedConsumer>();
            x.AddPublishObserver<Metrics.EvaluationEndObserver>();
            x.AddPublishObserver(sp => sp.GetRequiredService<Startup.EvaluationDeliveries>());
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.ConnectToBroker(context);
                // The broker vouches for the user on every report; the service believes a report only from its worker's user.
                cfg.StampSender(context.GetRequiredService<BrokerConnection>().Address.Username);

                var worker = context.GetRequiredService<IOptions<WorkerOptions>>().Value;
                // The queue that receives the service's answers (WorkerHello): named after the worker, not MassTransit's
                // host_process_bus_random, so that its broker user's permissions can name it (eng/broker-users.sh).
                cfg.OverrideDefaultBusEndpointQueueName(WorkerQueues.ResponsesFor(worker.Name));
                cfg.ReceiveEndpoint(WorkerQueues.For(worker.Name), e =>
                {
                    // Commands arrive only by Send to this queue's own exchange: no binding from the exchanges of message
                    // types (which a worker's broker user may not read), and no Fault events (which it may not publish).
                    e.ConfigureConsumeTopology = false;
                    e.PublishFaults = false;
                    // An evaluation's command is acknowledged only once its outcome is published (EvaluationDeliveries),
                    // so every queued evaluation of every board is in flight at once: the limit bounds them.
                    e.PrefetchCount = worker.CommandsInFlight;
                    e.ConcurrentMessageLimit = worker.CommandsInFlight;
                    // Events a consumer publishes leave only once it has finished without error.
                    e.UseInMemoryOutbox(context);
                    e.ConfigureConsumer<PrepareDeviceConsumer>(context);
                    e.ConfigureConsumer<EvaluateBitstreamConsumer>(context);
                    e.ConfigureConsumer<ReleaseDeviceConsumer>(context);
                    e.ConfigureConsumer<RebootDeviceConsumer>(context);
                    e.ConfigureConsumer<ForgetDeviceConsumer>(context);
                    e.ConfigureConsumer<WorkerDrainedConsumer>(context);
                });
            });
        });
        return builder;
    }
}
