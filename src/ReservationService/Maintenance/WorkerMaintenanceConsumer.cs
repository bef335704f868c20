using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Maintenance;

/// <summary>
/// An operator's maintenance of a worker: recorded on the worker stream (so it outlives the worker's restarts, unlike a
/// drain), with the current leases drained by the existing saga; returning to service ends both. Each message may run
/// again after a failure, so what follows the commit is repeated even when the event is already there.
/// </summary>
internal sealed class WorkerMaintenanceConsumer(IDocumentStore store, BoardsFreedSignal boardsFreed, TimeProvider time, ILogger<WorkerMaintenanceConsumer> logger)
    : IConsumer<StartWorkerMaintenance>, IConsumer<ReturnWorkerToService>
{
    public async Task Consume(ConsumeContext<StartWorkerMaintenance> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var streamId = StreamIds.Worker(command.Worker);
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<WorkerView>(streamId, ct) is not { } view)
        {
            logger.LogWarning("Admin {Admin} asked for maintenance of unknown worker {Worker}: nothing to do", command.Admin, command.Worker);
            return;
        }

        if (!view.Maintenance)
        {
            session.Events.Append(streamId, new WorkerMaintenanceStarted(command.Worker, command.Admin, command.Reason, time.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Worker {Worker} is in maintenance (by {Admin}: {Reason})", command.Worker, command.Admin, command.Reason ?? "no reason given");
        }

        // The saga only ever takes an earlier deadline, so sending this again (a redelivery) changes nothing.
        var saga = await context.GetSendEndpoint(AdminQueues.ReservationServiceAddress);
        await saga.Send(new DrainWorker(command.Worker, command.Deadline, command.Admin) { RequestedAt = time.GetUtcNow() }, ct);
    }

    public async Task Consume(ConsumeContext<ReturnWorkerToService> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        // Version-checked against a drain starting at the same moment: the loser's message is retried on fresh state (a
        // session of this attempt's own, so a retry does not reuse the stream it read before).
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<WorkerView>(StreamIds.Worker(command.Worker), ct);
        if (stream.Aggregate is not { } view)
        {
            logger.LogWarning("Admin {Admin} asked to return unknown worker {Worker} to service: nothing to do", command.Admin, command.Worker);
            return;
        }

        if (view.Maintenance || view.Draining)
        {
            stream.AppendOne(new WorkerReturnedToService(command.Worker, command.Admin, time.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Worker {Worker} is back in service (by {Admin})", command.Worker, command.Admin);
        }

        // Its free boards may serve waiting clients now, on this replica and the others.
        await boardsFreed.AnnounceAsync(ct);

        // DrainMonitor would find an overruled drain too; this ends it now. The saga checks the store, so a copy is harmless.
        await context.Publish(new DrainCancelled(command.Worker), ct);
    }
}
