using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Drain.Activities;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// The drain of one worker (ARCHITECTURE.md §8, docs/drain.md): mark it draining, tell the clients holding its boards,
/// wait until those reservations end, end the rest at the deadline, then publish <c>WorkerDrained</c>.
/// The deadline is stored in the saga and fired by <see cref="DrainMonitor"/>; no message scheduler exists here.
/// </summary>
internal sealed class DrainStateMachine : MassTransitStateMachine<DrainState>
{
    public DrainStateMachine(TimeProvider time)
    {
        InstanceState(x => x.CurrentState);

        Event(() => DrainRequested, x => x.CorrelateById(c => DrainIds.For(c.Message.Worker)));
        Event(() => LeaseEnded, x =>
        {
            x.CorrelateById(c => DrainIds.For(c.Message.Worker));
            x.OnMissingInstance(m => m.Discard()); // the drain finished meanwhile
        });
        Event(() => RecheckDue, x =>
        {
            x.CorrelateById(c => DrainIds.For(c.Message.Worker));
            x.OnMissingInstance(m => m.Discard());
        });
        Event(() => Cancel, x =>
        {
            x.CorrelateById(c => DrainIds.For(c.Message.Worker));
            x.OnMissingInstance(m => m.Discard());
        });
        Event(() => DeadlineReached, x =>
        {
            x.CorrelateById(c => DrainIds.For(c.Message.Worker));
            x.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(DrainRequested)
                .Then(c =>
                {
                    c.Saga.Worker = c.Message.Worker;
                    c.Saga.Deadline = c.Message.Deadline;
                    c.Saga.RequestedBy = c.Message.RequestedBy;
                    c.Saga.StartedAt = time.GetUtcNow();
                    c.Saga.RequestedAt = c.Message.RequestedAt
                        ?? (c.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : c.Saga.StartedAt);
                })
                .Activity(x => x.OfInstanceType<StartDrainActivity>())
                .TransitionTo(Draining)
                .If(c => c.Saga.WorkerKnown, known => known.Publish(c => Announce(c.Saga, time)))
                .FinishWhenIdle());

        During(Draining,
            // Only an earlier deadline is taken: the worker's own SIGTERM drain (bounded by its pod's grace period) can
            // shorten an operator's relaxed drain, but nobody can prolong a drain that someone needs finished by a time.
            When(DrainRequested)
                .If(c => c.Message.Deadline < c.Saga.Deadline, earlier => earlier
                    .Then(c => c.Saga.Deadline = c.Message.Deadline)
                    .If(c => c.Saga.WorkerKnown, known => known.Publish(c => Announce(c.Saga, time)))
                    .Activity(x => x.OfInstanceType<RecordDrainActivity>())),
            When(LeaseEnded)
                // The deadline's own force-ends arrive here too and may finish the drain first: count them.
                .If(c => c.Message.Reason == DrainedReason, forced => forced.Then(c => c.Saga.ForceEnded = [.. c.Saga.ForceEnded.Append(c.Message.ReservationId).Distinct()]))
                .Activity(x => x.OfInstanceType<RecountActivity>())
                .FinishWhenIdle(),
            When(RecheckDue)
                .Activity(x => x.OfInstanceType<RecountActivity>())
                .FinishWhenIdle(),
            // No WorkerDrained: the worker is not leaving, it was returned to service (its leases stay).
            When(Cancel)
                .Activity(x => x.OfInstanceType<CancelDrainActivity>())
                .If(c => c.Saga.Cancelled, cancelled => cancelled.Finalize()),
            When(DeadlineReached)
                // A return to service that raced the deadline wins: the leases of a worker back in service stay.
                .If(c => time.GetUtcNow() >= c.Saga.Deadline, due => due
                    .Activity(x => x.OfInstanceType<CancelDrainActivity>())
                    .IfElse(c => c.Saga.Cancelled,
                        cancelled => cancelled.Finalize(),
                        live => live
                            .Activity(x => x.OfInstanceType<RecountActivity>())
                            .Activity(x => x.OfInstanceType<ForceEndActivity>())
                            .FinishWhenIdle())));

        SetCompletedWhenFinalized();
    }

    /// <summary>The wire reason of a reservation ended by a drain's deadline.</summary>
    public const string DrainedReason = "drained";

    /// <summary>The stored name of <see cref="Draining"/>, for queries over saga documents.</summary>
    public const string DrainingStateName = nameof(Draining);

    public State Draining { get; private set; } = null!;

    public Event<DrainWorker> DrainRequested { get; private set; } = null!;

    /// <summary>Routed by <see cref="DrainLeaseRouter"/> from <c>ReservationEnded</c>.</summary>
    public Event<DrainLeaseEnded> LeaseEnded { get; private set; } = null!;

    public Event<DrainRecheckDue> RecheckDue { get; private set; } = null!;

    public Event<DrainDeadlineReached> DeadlineReached { get; private set; } = null!;

    public Event<DrainCancelled> Cancel { get; private set; } = null!;

    private static WorkerDrainStarted Announce(DrainState drain, TimeProvider time) =>
        new(drain.Worker, drain.Deadline, drain.RequestedBy, time.GetUtcNow());
}
