using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Devices;
using IceFarm.ReservationService.ClientEvents;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Tells every client holding boards of a draining worker (<c>worker-draining</c>). It consumes the saga's bus event
/// rather than running inside the saga, so clients hear of a drain only once it is stored.
/// </summary>
internal sealed class DrainingClientsNotifier(IQuerySession session, ClientEventHub hub, ILogger<DrainingClientsNotifier> logger)
    : IConsumer<WorkerDrainStarted>
{
    public async Task Consume(ConsumeContext<WorkerDrainStarted> context)
    {
        var drain = context.Message;
        var held = await session.Query<DeviceView>()
            .Where(d => d.Worker == drain.Worker && d.ReservationId != null && d.ClientId != null)
            .ToListAsync(context.CancellationToken);
        var reservations = held.Select(d => (Id: d.ReservationId!.Value, Client: d.ClientId!)).Distinct().ToList();
        foreach (var (id, client) in reservations)
        {
            hub.Publish(client, StreamEventTypes.WorkerDraining, new WorkerDrainingEvent(id, drain.Worker, drain.Deadline));
        }

        logger.LogInformation("Told {Count} reservation(s) on {Worker} that it drains by {Deadline:u}", reservations.Count, drain.Worker, drain.Deadline);
    }
}
