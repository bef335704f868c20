using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Clients;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Maintenance;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Workers;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;

namespace IceFarm.ReservationService.Hosting;

/// <summary>The farm's event store: streams, events and the inline projections the APIs read.</summary>
internal static class MartenSetup
{
    public static IServiceCollection AddFarmStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = PostgresConnection.Read(configuration);
        services.AddHostedService<PostgresTlsNotice>();
        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.ConfigureFarmStore();
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        return services;
    }

    public static void ConfigureFarmStore(this StoreOptions options)
    {
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        // Registered up front so that a process that only reads (the AdminApi's history) knows every event type.
        options.Events.AddEventTypes(
        [
            typeof(DeviceStateRecorded), typeof(DeviceReserved), typeof(DeviceReleased), typeof(DeviceLeaseExtended), typeof(DeviceActionRequested),
            typeof(WorkerCameOnline), typeof(WorkerWentOffline), typeof(ReservationGranted), typeof(ReservationDeviceReady), typeof(ReservationExtended),
            typeof(ReservationEndingSoonWarned), typeof(ReservationDeviceReleased), typeof(ReservationEnded), typeof(ReservationDeviceRebooting),
            typeof(WorkerMaintenanceStarted), typeof(WorkerReturnedToService), typeof(DeviceHeld), typeof(DeviceReturnedToService), typeof(DeviceHealthCheckRecorded), typeof(ReservationDeviceReplaced),
        ]);
        options.Projections.Add<DeviceViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<WorkerViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ReservationViewProjection>(ProjectionLifecycle.Inline);

        options.Schema.For<ClientAccount>().UniqueIndex(x => x.TokenHash!);
        options.Schema.For<Auth.ApiToken>().UniqueIndex(x => x.PublicId).Index(x => x.Subject);
        options.Schema.For<WorkerLiveness>();
        options.Schema.For<LeaseKeepAlive>().Index(x => x.LapsesAt);
        options.Schema.For<BoardResend>();
        options.Schema.For<Queue.QueuedRequest>().UseOptimisticConcurrency(true).Index(x => x.State);
        options.Schema.For<Queue.ReplicaPresence>();
        options.Schema.For<Idempotency.IdempotentRequest>().Index(x => x.At);
        options.ConfigureClientEventStore();
        options.Schema.For<ReservationView>().Index(x => x.ClientId);
        // Each upload counts its reservation's open evaluations per board (the per-board bound).
        options.Schema.For<Evaluations.EvaluationTicket>().Index(x => x.ReservationId);
        // Allocation, availability and the admin tables filter boards by state and by worker.
        options.Schema.For<DeviceView>().Index(x => x.Worker).Index(x => x.State);
        options.ConfigureDrainStore();
    }
}
