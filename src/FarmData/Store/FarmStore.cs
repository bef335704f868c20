using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Workers;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;

namespace IceFarm.FarmData.Store;

/// <summary>
/// The farm's event store as both services see it: streams, every event, the inline projections and the documents the
/// ReservationService and the AdminApi share. Each service adds the documents only it uses (<c>configure</c>); a table
/// both use is configured here alone, so neither service's start-up migrates it differently.
/// </summary>
internal static class FarmStore
{
    public static IServiceCollection AddFarmStore(this IServiceCollection services, IConfiguration configuration, Action<StoreOptions>? configure = null)
    {
        var connectionString = PostgresConnection.Read(configuration);
        services.AddHostedService<PostgresTlsNotice>();
        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.ConfigureFarmStore();
                configure?.Invoke(options);
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
        // The event that ends an evaluation carries the evaluation's id, so this index lets an evaluation end only once
        // (ReservationService's ClientFeedStore). Every process declares it, or one would drop what another created.
        options.Events.EnableUniqueIndexOnEventId = true;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        // Registered up front so that a process that only reads (the AdminApi's history) knows every event type.
        options.Events.AddEventTypes(
        [
            typeof(DeviceStateRecorded), typeof(DeviceReserved), typeof(DeviceReleased), typeof(DeviceLeaseExtended), typeof(DeviceActionRequested),
            typeof(WorkerCameOnline), typeof(WorkerWentOffline), typeof(ReservationGranted), typeof(ReservationDeviceReady), typeof(ReservationExtended),
            typeof(ReservationEndingSoonWarned), typeof(ReservationDeviceReleased), typeof(ReservationEnded), typeof(ReservationDeviceRebooting),
            typeof(WorkerMaintenanceStarted), typeof(WorkerReturnedToService), typeof(DeviceHeld), typeof(DeviceReturnedToService), typeof(DeviceHealthCheckRecorded), typeof(ReservationDeviceReplaced),
            typeof(WorkerBeganDraining), typeof(WorkerFinishedDraining),
        ]);
        options.Projections.Add<DeviceViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<WorkerViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ReservationViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add(new BoardHolderProjection(), ProjectionLifecycle.Inline);

        options.Schema.For<ClientAccount>().UniqueIndex(x => x.TokenHash!);
        options.Schema.For<ApiToken>().UniqueIndex(x => x.PublicId).Index(x => x.Subject);
        options.Schema.For<WorkerLiveness>();
        options.Schema.For<LeaseKeepAlive>().Index(x => x.LapsesAt);
        options.Schema.For<QueuedRequest>().UseOptimisticConcurrency(true).Index(x => x.State);
        options.Schema.For<ReservationView>().Index(x => x.ClientId);
        // A reservation's end deletes its holds; drains and worker checks list the boards held on a worker.
        options.Schema.For<BoardHolder>().Index(x => x.ReservationId).Index(x => x.Worker);
        // Allocation, availability and the admin tables filter boards by state and by worker.
        options.Schema.For<DeviceView>().Index(x => x.Worker).Index(x => x.State);
        // Written by the drain saga in the same transaction as its state; the AdminApi shows it.
        options.Schema.For<DrainView>();
    }
}
