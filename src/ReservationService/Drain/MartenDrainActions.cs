using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Reservations;
using Marten;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Scoped with the saga's message: <paramref name="session"/> is the session the saga store commits, so the drain's end
/// and the <see cref="DrainView"/> land atomically with the saga's state. The drain's start is committed on a session of its
/// own (see <see cref="MarkDrainingAsync"/>). Force-ending goes through <see cref="ReservationEnder"/>, which commits each
/// end itself (idempotent: an ended reservation is skipped).
/// </summary>
internal sealed class MartenDrainActions(
    IDocumentSession session, IDocumentStore store, ReservationEnder ender, TimeProvider time, ILogger<MartenDrainActions> logger)
    : IDrainActions
{
    public async Task<bool> MarkDrainingAsync(DrainState drain, CancellationToken ct)
    {
        // On a fresh session of its own, committed here and version-checked: a return to service committed meanwhile fails
        // this commit, and the saga's retry reads it. The saga's retries share the message's session, whose stream from a
        // failed attempt still held the worker as it was before the return (CI: the worker stayed draining after its
        // return, the drain having been written from that stale view).
        await using var own = store.LightweightSession();
        var stream = await own.Events.FetchForWriting<WorkerView>(StreamIds.Worker(drain.Worker), ct);
        if (stream.Aggregate is not { } view)
        {
            logger.LogWarning("Drain of unknown worker {Worker} requested by {RequestedBy}: nothing to drain", drain.Worker, drain.RequestedBy);
            return false;
        }

        if (view.ReturnedAt is { } returned && returned >= drain.RequestedAt && drain.RequestedBy != Contracts.Workers.DrainWorker.ByTheWorker)
        {
            // An operator's drain (a maintenance's) that reached the saga after the operator had already returned the
            // worker to service. A worker's own drain is never overruled so: its pod is stopping whatever was decided.
            logger.LogInformation("Drain of {Worker} requested by {RequestedBy} at {RequestedAt:u} is overruled: returned to service at {ReturnedAt:u}",
                drain.Worker, drain.RequestedBy, drain.RequestedAt, returned);
            return false;
        }

        stream.AppendOne(new WorkerBeganDraining(drain.Worker, drain.Deadline, drain.RequestedBy, time.GetUtcNow()) { RequestedAt = drain.RequestedAt });
        await own.SaveChangesAsync(ct);
        logger.LogInformation("Worker {Worker} is draining (requested by {RequestedBy} at {RequestedAt:O}, deadline {Deadline:u}; last returned to service {ReturnedAt:O})",
            drain.Worker, drain.RequestedBy, drain.RequestedAt, drain.Deadline, view.ReturnedAt);
        return true;
    }

    public async Task<IReadOnlyList<Guid>> FindHoldingAsync(string worker, CancellationToken ct)
    {
        var held = await session.Query<BoardHolder>().Where(h => h.Worker == worker).ToListAsync(ct);
        return [.. held.Select(h => h.ReservationId).Distinct().Order()];
    }

    public async Task<IReadOnlyList<Guid>> ForceEndAsync(IReadOnlyList<Guid> reservations, CancellationToken ct)
    {
        var ended = new List<Guid>();
        foreach (var id in reservations)
        {
            var view = await session.LoadAsync<ReservationView>(StreamIds.Reservation(id), ct);
            if (view is { Active: true } && await ender.EndAsync(view, ReservationEndReason.Drained, "drain", ct))
            {
                ended.Add(id);
                logger.LogInformation("Reservation {ReservationId} of {ClientId} ended at the drain deadline", id, view.ClientId);
            }
        }

        return ended;
    }

    public Task MarkDrainedAsync(DrainState drain, CancellationToken ct)
    {
        session.Events.Append(StreamIds.Worker(drain.Worker), new WorkerFinishedDraining(drain.Worker, drain.ForceEnded.Count, time.GetUtcNow()));
        logger.LogInformation("Worker {Worker} is drained ({ForceEnded} reservation(s) ended by the deadline)", drain.Worker, drain.ForceEnded.Count);
        return Task.CompletedTask;
    }

    public async Task<bool> IsOverruledAsync(DrainState drain, CancellationToken ct) =>
        drain.WorkerKnown && await session.LoadAsync<WorkerView>(StreamIds.Worker(drain.Worker), ct) is { Draining: false };

    public void Record(DrainState drain, bool finished) => session.Store(new DrainView
    {
        Id = StreamIds.Worker(drain.Worker),
        Worker = drain.Worker,
        State = drain.Cancelled ? "cancelled" : finished ? "drained" : "draining",
        Deadline = drain.Deadline,
        RequestedBy = drain.RequestedBy,
        StartedAt = drain.StartedAt,
        FinishedAt = drain.FinishedAt,
        WorkerKnown = drain.WorkerKnown,
        RemainingReservations = [.. drain.Remaining],
        ForceEndedReservations = [.. drain.ForceEnded],
    });
}
