using IceFarm.Broker;
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
        builder.Services.AddBrokerConnection();
        // Start answers only once the broker connection is up, so the first action after start is not refused.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((context, rabbit) => rabbit.ConnectToBroker(context));
        });
        return builder;
    }
}
