using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Workers;

/// <summary>
/// Moves a worker's liveness (a document, not an event), records it coming online, and heals what the bus lost:
/// every heartbeat carries every board's state and reservation (ARCHITECTURE.md §11).
/// </summary>
internal sealed class WorkerHeartbeatConsumer(
    IDocumentSession session, HeartbeatReconciler reconciler, AllocationQueue queue, TimeProvider time, ILogger<WorkerHeartbeatConsumer> logger)
    : IConsumer<WorkerHeartbeat>
{
    public async Task Consume(ConsumeContext<WorkerHeartbeat> context)
    {
        var beat = context.Message;
        var ct = context.CancellationToken;
        var now = time.GetUtcNow();
        var workerId = StreamIds.Worker(beat.Worker);
        var liveness = await session.LoadAsync<WorkerLiveness>(workerId, ct);
        if (liveness is not null && liveness.LastSentAt > beat.SentAt)
        {
            return; // overtaken by a newer heartbeat
        }

        session.Store(new WorkerLiveness { Id = workerId, LastHeartbeat = now, LastSentAt = beat.SentAt });

        var view = await session.LoadAsync<WorkerView>(workerId, ct);
        if (view is null || !view.Online || view.Version != beat.Version || view.Host != beat.Host || !view.Kinds.SequenceEqual(beat.Kinds))
        {
            session.Events.Append(workerId, new WorkerCameOnline(beat.Worker, beat.Host, beat.Version, beat.Kinds, now));
            logger.LogInformation("Worker {Worker} {Version} is online with {Devices} board(s)", beat.Worker, beat.Version, beat.Devices.Count);
        }

        var ids = beat.Devices.Select(d => StreamIds.Device(d.Serial)).ToArray();
        var known = (await session.LoadManyAsync<DeviceView>(ct, ids)).ToDictionary(d => d.Serial, StringComparer.Ordinal);
        foreach (var device in beat.Devices)
        {
            known.TryGetValue(device.Serial, out var current);
            if (current is null || current.State != device.State || current.Health != device.Health || current.Worker != beat.Worker)
            {
                session.Events.Append(StreamIds.Device(device.Serial),
                    new DeviceStateRecorded(device.Serial, beat.Worker, device.State, device.Health, "reported by the worker's heartbeat", now));
            }
        }

        var resends = await reconciler.PlanAsync(session, beat, known, now, ct);
        await session.SaveChangesAsync(ct);
        queue.Poke();
        await reconciler.SendAsync(beat.Worker, resends, ct);
    }
}
