using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Admin;

/// <summary>
/// An operator's maintenance, retirement or return to service of one board, recorded on the device stream with who and
/// why. A held board that is reserved stays with its reservation until that ends; it is never allocated again while held.
/// </summary>
internal sealed class DeviceHoldConsumer(IDocumentStore store, BoardsFreedSignal boardsFreed, TimeProvider time, ILogger<DeviceHoldConsumer> logger)
    : IConsumer<HoldDeviceByAdmin>, IConsumer<ReturnDeviceToServiceByAdmin>
{
    public async Task Consume(ConsumeContext<HoldDeviceByAdmin> context)
    {
        var command = context.Message;
        // Version-checked: a grant committing at the same moment makes one of the two retry on fresh state.
        // A session of this attempt's own: a retry after a lost race must not reuse the stream it read before.
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DeviceView>(StreamIds.Device(command.Serial), context.CancellationToken);
        if (stream.Aggregate is not { } view)
        {
            logger.LogWarning("Admin {Admin} asked to hold unknown board {Serial}: nothing to do", command.Admin, command.Serial);
            return;
        }

        if (DeviceHolds.Hold(view, command.Hold, command.Admin, command.Reason, time.GetUtcNow()) is { } held)
        {
            stream.AppendOne(held);
            await session.SaveChangesAsync(context.CancellationToken);
            logger.LogInformation("Board {Serial} is held ({Hold}) by {Admin}: {Reason}", command.Serial, command.Hold, command.Admin, command.Reason ?? "no reason given");
        }
    }

    public async Task Consume(ConsumeContext<ReturnDeviceToServiceByAdmin> context)
    {
        var command = context.Message;
        // A session of this attempt's own: a retry after a lost race must not reuse the stream it read before.
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DeviceView>(StreamIds.Device(command.Serial), context.CancellationToken);
        if (stream.Aggregate is not { } view)
        {
            logger.LogWarning("Admin {Admin} asked to return unknown board {Serial} to service: nothing to do", command.Admin, command.Serial);
            return;
        }

        if (DeviceHolds.Return(view, command.Admin, command.Reason, time.GetUtcNow()) is { } returned)
        {
            stream.AppendOne(returned);
            await session.SaveChangesAsync(context.CancellationToken);
            logger.LogInformation("Board {Serial} is back in service (by {Admin})", command.Serial, command.Admin);
        }

        // Waiting clients may take it now, on this replica and the others.
        await boardsFreed.AnnounceAsync(context.CancellationToken);
    }
}
