using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Http;
using IceFarm.FarmData.Quotas;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Metrics;
using IceFarm.ReservationService.Queue;
using IceFarm.ReservationService.Quotas;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Workers;
using IceFarm.ReservationService.Workers.Identity;
using IceFarm.ServiceDefaults;

namespace IceFarm.ReservationService;

/// <summary>The farm's authority: event store, allocation, the client API and its event stream.</summary>
internal static class ReservationServiceApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceDefaults("reservation-service");
        builder.AddHttpDefaults();
        builder.AddFarmAuth();
        builder.Services.AddHostedService<Auth.LegacyTokenMigration>();
        builder.Services.AddFarmStore(builder.Configuration, ServiceStore.Configure);
        // Before the bus and the HTTP server start (hosted services start in order): no grant may run ahead of it.
        builder.Services.AddHostedService<BoardHolderBackfill>();
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
        app.MapServiceDefaults();
        app.MapReservations();
        app.MapQueue();
        app.MapUsage();
        app.MapLeases();
        app.MapEvaluations();
        app.MapClientEvents();
        return app;
    }
}
