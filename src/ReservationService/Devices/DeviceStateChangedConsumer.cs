using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Workers.Identity;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Devices;

/// <summary>
/// Records a board's transition on its stream; a repeat of the current state is dropped (idempotent). A reserved board that
/// fails is reported to its client and leaves the reservation (<see cref="FailedBoardReaction"/>).
/// </summary>
internal sealed class DeviceStateChangedConsumer(
    IDocumentSession session, Reservations.BoardsFreedSignal boardsFreed, FailedBoardReaction failed, WorkerIdentityMetrics metrics,
    ILogger<DeviceStateChangedConsumer> logger)
    : IConsumer<DeviceStateChanged>
{
    public async Task Consume(ConsumeContext<DeviceStateChanged> context)
    {
        var change = context.Message;
        var streamId = StreamIds.Device(change.Serial);
        var current = await session.LoadAsync<DeviceView>(streamId, context.CancellationToken);
        if (current is not null && current.State == change.State && current.WorkerHealth == change.Health
            && current.Worker == change.Worker && current.Reason == change.Reason)
        {
            return;
        }

        if (await BoardOwnership.RefusalAsync(session, current, change.Worker, context.CancellationToken) is { } refusal)
        {
            metrics.Refused(nameof(DeviceStateChanged), change.Worker, WorkerIdentityMetrics.Owner);
            logger.LogWarning("Refused a state change of board {Serial} from worker {Worker}: {Refusal}", change.Serial, change.Worker, refusal);
            return;
        }

        session.Events.Append(streamId, new DeviceStateRecorded(change.Serial, change.Worker, change.State, change.Health, change.Reason, change.At, change.At));
        await session.SaveChangesAsync(context.CancellationToken);
        // Not only on the transition: the worker's heartbeat may have recorded the failure first (it records states, not
        // reactions), and the board must still be replaced and released. The reaction does nothing for a board no longer
        // reserved, which is what a board it already handled is.
        if (current is not null && FailedBoardReaction.Failed(change.State, change.Health))
        {
            await failed.ReactAsync(change.Serial, change.Reason, context.CancellationToken);
        }
        else if (change.State == DeviceState.Available)
        {
            await boardsFreed.AnnounceAsync(context.CancellationToken);
        }
    }
}
