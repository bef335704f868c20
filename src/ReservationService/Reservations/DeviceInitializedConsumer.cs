using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Marks the board ready in its reservation and tells the client (<c>device-ready</c>): after its PrepareDevice, and
/// again after a reboot (the reboot request set it back to preparing; the worker reports it initialised once reflashed).
/// </summary>
internal sealed class DeviceInitializedConsumer(IDocumentSession session, ClientEventHub hub, Workers.Identity.WorkerIdentityMetrics metrics, ILogger<DeviceInitializedConsumer> logger)
    : IConsumer<DeviceInitialized>
{
    public async Task Consume(ConsumeContext<DeviceInitialized> context)
    {
        var ready = context.Message;
        var reservation = await session.LoadAsync<ReservationView>(StreamIds.Reservation(ready.ReservationId), context.CancellationToken);
        var device = reservation?.Devices.Find(d => d.Serial == ready.Serial);
        if (reservation is not { Active: true } || device is not { State: ReservationDeviceState.Preparing })
        {
            return; // a redelivery, or the reservation ended (or released the board) while the board was preparing
        }

        if (device.Worker != ready.Worker)
        {
            metrics.Refused(nameof(DeviceInitialized), ready.Worker, Workers.Identity.WorkerIdentityMetrics.Owner);
            logger.LogWarning("Refused board {Serial} ready from worker {Worker}: reservation {Reservation} has it on worker {Owner}",
                ready.Serial, ready.Worker, ready.ReservationId, device.Worker);
            return;
        }

        session.Events.Append(reservation.Id, new ReservationDeviceReady(ready.ReservationId, ready.Serial, ready.At));
        await session.SaveChangesAsync(context.CancellationToken);
        await hub.PublishAsync(reservation.ClientId, StreamEventTypes.DeviceReady, new DeviceReadyEvent(ready.ReservationId, ready.Serial), context.CancellationToken);
    }
}
