using IceFarm.Broker;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.ServiceDefaults;

/// <summary>The bus as every IceFarm service has it: MassTransit over the one checked broker connection of <see cref="BrokerConnectionRegistration"/>.</summary>
internal static class ServiceBus
{
    /// <summary>
    /// MassTransit with the service's consumers and endpoints (<paramref name="configure"/>), its usage telemetry off, on the
    /// broker of <c>ConnectionStrings:RabbitMq</c> (checked at start).
    /// </summary>
    public static IServiceCollection AddServiceBus(this IServiceCollection services, Action<IBusRegistrationConfigurator> configure)
    {
        // MassTransit 8.4+ reports usage to a host on the internet unless told not to; the farm never does. The variable
        // covers every bus of the process (a test's or a tool's too), the call this registration's.
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        services.AddBrokerConnection();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            configure(bus);
        });
        return services;
    }

    /// <summary>
    /// The host's start answers only once the bus is connected and its queues are bound, so nothing published or sent
    /// right after start is lost or refused. Not for the worker: it starts, and serves its health, while the broker is away.
    /// </summary>
    public static IServiceCollection WaitForBusAtStart(this IServiceCollection services) =>
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
}
