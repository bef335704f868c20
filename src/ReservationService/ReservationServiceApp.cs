using IceFarm.ReservationService.Workers.Identity;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Metrics;
using IceFarm.ReservationService.Queue;
using IceFarm.ReservationService.Quotas;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Workers;

namespace IceFarm.ReservationService;

/// <summary>The farm's authority: event store, allocation, the client API and its event stream.</summary>
internal static class ReservationServiceApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // MassTransit's usage telemetry calls a host on the internet; the farm never does.
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddIceFarmLogging("reservation-service");
        builder.AddHttpDefaults();
        builder.AddFarmAuth();
        builder.Services.AddHostedService<Auth.LegacyTokenMigration>();
        builder.Services.AddFarmStore(builder.Configuration);
        builder.AddFarmBus();
        builder.AddWorkerIdentity();
        builder.AddReservations();
        builder.AddQueue();
        builder.AddQuotas();
        builder.AddDeviceHealth();
        builder.AddReconciliation();
        builder.AddClientEvents();
        builder.AddFarmMetrics();

        var app = builder.Build();
        app.UseHttpDefaults();
        app.MapHealth();
        app.MapReservations();
        app.MapQueue();
        app.MapUsage();
        app.MapLeases();
        app.MapEvaluations();
        app.MapClientEvents();
        app.MapFarmMetrics();
        return app;
    }
}
