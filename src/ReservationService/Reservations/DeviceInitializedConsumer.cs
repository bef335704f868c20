using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Reservations.Model;
using MassTransit;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Marks the board ready in its reservation and tells the client (<c>device-ready</c>): after its PrepareDevice, and
/// again after a reboot (the reboot request set it back to preparing; the worker reports it initialised once reflashed).
/// </summary>
internal sealed class DeviceInitializedConsumer(ReservationHandler reservations, ClientEventHub hub, Workers.Identity.WorkerIdentityMetrics metrics, ILogger<DeviceInitializedConsumer> logger)
    : IConsumer<DeviceInitialized>
{
    public async Task Consume(ConsumeContext<DeviceInitialized> context)
    {
        var ready = context.Message;
        var change = await reservations.HandleAsync(
            StreamIds.Reservation(ready.ReservationId), r => ReservationDecisions.MarkReady(r, ready.Serial, ready.Worker, ready.At), context.CancellationToken);
        if (change.Before is not { } reservation || change.Outcome == ReadyDecision.Ignored)
        {
            return; // a redelivery, or the reservation ended (or released the board) while the board was preparing
        }

        if (change.Outcome == ReadyDecision.WrongWorker)
        {
            metrics.Refused(nameof(DeviceInitialized), ready.Worker, Workers.Identity.WorkerIdentityMetrics.Owner);
            logger.LogWarning("Refused board {Serial} ready from worker {Worker}: reservation {Reservation} has it on worker {Owner}",
                ready.Serial, ready.Worker, ready.ReservationId, reservation.Board(ready.Serial)?.Worker);
            return;
        }

        await hub.PublishAsync(reservation.ClientId, StreamEventTypes.DeviceReady, new DeviceReadyEvent(ready.ReservationId, ready.Serial), context.CancellationToken);
    }
}
