using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
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
        var held = await session.Query<BoardHolder>().Where(h => h.Worker == drain.Worker).ToListAsync(context.CancellationToken);
        var reservations = await session.LoadManyAsync<ReservationView>(
            context.CancellationToken, held.Select(h => StreamIds.Reservation(h.ReservationId)).Distinct());
        foreach (var reservation in reservations)
        {
            hub.Publish(reservation.ClientId, StreamEventTypes.WorkerDraining, new WorkerDrainingEvent(reservation.ReservationId, drain.Worker, drain.Deadline));
        }

        logger.LogInformation("Told {Count} reservation(s) on {Worker} that it drains by {Deadline:u}", reservations.Count, drain.Worker, drain.Deadline);
    }
}
