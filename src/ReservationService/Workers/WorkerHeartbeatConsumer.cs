using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Workers;

/// <summary>
/// Moves a worker's liveness (a document, not an event), records it coming online, and heals what the bus lost:
/// every heartbeat carries every board's state and reservation (ARCHITECTURE.md §11).
/// </summary>
internal sealed class WorkerHeartbeatConsumer(
    IDocumentSession session, HeartbeatReconciler reconciler, Queue.QueueSignals queue, BoardsFreedSignal boardsFreed, Identity.WorkerIdentityMetrics metrics,
    TimeProvider time, ILogger<WorkerHeartbeatConsumer> logger)
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

        session.Store(new WorkerLiveness { Id = workerId, LastHeartbeat = now, LastSentAt = beat.SentAt, InstanceId = beat.InstanceId ?? liveness?.InstanceId });

        // A new process under the same name (a crash, a rolling update) comes online again: among other things that ends
        // a finished drain, so a drained worker that starts again is reservable at once.
        var restarted = beat.InstanceId is { } instance && liveness?.InstanceId != instance;
        var view = await session.LoadAsync<WorkerView>(workerId, ct);
        var freed = false;
        if (view is null || !view.Online || restarted || view.Version != beat.Version || view.Host != beat.Host || !view.Kinds.SequenceEqual(beat.Kinds))
        {
            freed = true;
            session.Events.Append(workerId, new WorkerCameOnline(beat.Worker, beat.Host, beat.Version, beat.Kinds, now));
            logger.LogInformation("Worker {Worker} {Version} is online with {Devices} board(s)", beat.Worker, beat.Version, beat.Devices.Count);
        }

        // One round trip: the boards reported, the boards the store places on this worker (to find those it no longer has),
        // and the reservations holding any of them.
        var ids = beat.Devices.Select(d => StreamIds.Device(d.Serial)).ToArray();
        var serials = beat.Devices.Select(d => d.Serial).ToArray();
        var batch = session.CreateBatchQuery();
        var knownRead = batch.Query<DeviceView>().Where(d => d.Worker == beat.Worker || d.Id.IsOneOf(ids)).ToList();
        var holdersRead = batch.Query<BoardHolder>().Where(h => h.Worker == beat.Worker || h.Id.IsOneOf(serials)).ToList();
        await batch.Execute(ct);
        var known = (await knownRead).ToDictionary(d => d.Serial, StringComparer.Ordinal);
        var holders = (await holdersRead).ToDictionary(h => h.Id, StringComparer.Ordinal);
        beat = await WithoutOthersBoardsAsync(beat, known, ct);
        var changes = Missing(beat, known, now);
        beat = WithoutOutdatedBoards(beat, known);
        foreach (var device in beat.Devices)
        {
            known.TryGetValue(device.Serial, out var current);
            if (current is null || current.State != device.State || current.WorkerHealth != device.Health || current.Worker != beat.Worker)
            {
                changes.Add(new DeviceStateRecorded(
                    device.Serial, beat.Worker, device.State, device.Health, "reported by the worker's heartbeat", now, beat.SentAt));
                freed |= device.State == DeviceState.Available;
            }
        }

        // In serial order, as grants lock boards (BoardLocks): a heartbeat and a grant never wait on each other in a circle.
        foreach (var change in changes.OrderBy(c => c.Serial, StringComparer.Ordinal))
        {
            session.Events.Append(StreamIds.Device(change.Serial), change);
        }

        var resends = await reconciler.PlanAsync(session, beat, known, holders, now, ct);
        await session.SaveChangesAsync(ct);
        if (freed)
        {
            // A worker came (back) online or reported a board free: the other replicas' waiters may be served too.
            await boardsFreed.AnnounceAsync(ct);
        }
        else
        {
            queue.Server.Poke();
        }

        await reconciler.SendAsync(beat.Worker, resends, ct);
    }

    /// <summary>The heartbeat without the boards another live worker still has (<see cref="BoardOwnership"/>): nothing about them is applied.</summary>
    private async Task<WorkerHeartbeat> WithoutOthersBoardsAsync(WorkerHeartbeat beat, Dictionary<string, DeviceView> known, CancellationToken ct)
    {
        HashSet<string>? refused = null;
        foreach (var device in beat.Devices)
        {
            known.TryGetValue(device.Serial, out var current);
            if (await BoardOwnership.RefusalAsync(session, current, beat.Worker, ct) is { } refusal)
            {
                metrics.Refused(nameof(WorkerHeartbeat), beat.Worker, Identity.WorkerIdentityMetrics.Owner);
                logger.LogWarning("Ignored board {Serial} in the heartbeat of {Worker}: {Refusal}", device.Serial, beat.Worker, refusal);
                (refused ??= new(StringComparer.Ordinal)).Add(device.Serial);
            }
        }

        return refused is null ? beat : beat with { Devices = [.. beat.Devices.Where(d => !refused.Contains(d.Serial))] };
    }

    /// <summary>
    /// The heartbeat without the boards its worker has reported since it took the heartbeat's snapshot: a state change
    /// sent while the heartbeat was on its way is newer than what the heartbeat says, and recording the heartbeat's state
    /// would move the board back (seen: a board Available again after its self-test shown in SelfTest until the next
    /// heartbeat). The worker takes the heartbeat's time before its snapshot, so the comparison errs towards ignoring.
    /// </summary>
    private static WorkerHeartbeat WithoutOutdatedBoards(WorkerHeartbeat beat, Dictionary<string, DeviceView> known)
    {
        var current = beat.Devices.Where(d => !ReportedSince(known.GetValueOrDefault(d.Serial), beat)).ToList();
        return current.Count == beat.Devices.Count ? beat : beat with { Devices = current };
    }

    private static bool ReportedSince(DeviceView? device, WorkerHeartbeat beat) =>
        device is not null && device.Worker == beat.Worker && device.ReportedAt >= beat.SentAt;

    /// <summary>
    /// A board the store places on this worker but the heartbeat does not list is gone from it (unplugged while the worker
    /// was down, or forgotten) and its Offline transition was never seen: it is to be recorded, so allocation stops offering it.
    /// </summary>
    private List<DeviceStateRecorded> Missing(WorkerHeartbeat beat, Dictionary<string, DeviceView> known, DateTimeOffset now)
    {
        var reported = beat.Devices.Select(d => d.Serial).ToHashSet(StringComparer.Ordinal);
        var missing = new List<DeviceStateRecorded>();
        // A board the worker reported after the snapshot (just found on USB) is not missing from it.
        foreach (var device in known.Values.Where(d =>
            d.Worker == beat.Worker && d.State != DeviceState.Offline && !reported.Contains(d.Serial) && !ReportedSince(d, beat)))
        {
            logger.LogWarning("Board {Serial} is no longer in the heartbeat of {Worker}; recording it offline", device.Serial, beat.Worker);
            missing.Add(new DeviceStateRecorded(device.Serial, beat.Worker, DeviceState.Offline, DeviceHealth.Unknown,
                $"not in the heartbeat of {beat.Worker} (gone from the worker)", now));
        }

        return missing;
    }
}
