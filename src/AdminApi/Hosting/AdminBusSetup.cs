using IceFarm.Broker;
using IceFarm.ServiceDefaults;
using MassTransit;

namespace IceFarm.AdminApi.Hosting;

/// <summary>
/// A send-only bus: the admin API only sends commands to the ReservationService's admin queue, which records them as
/// events naming the admin and carries them out. It has no receive endpoint of its own.
/// </summary>
internal static class AdminBusSetup
{
    public static WebApplicationBuilder AddAdminBus(this WebApplicationBuilder builder)
    {
        builder.Services.WaitForBusAtStart();
        builder.Services.AddServiceBus(bus => bus.UsingRabbitMq((context, rabbit) => rabbit.ConnectToBroker(context)));
        return builder;
    }
}
