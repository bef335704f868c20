using IceFarm.ReservationService.Drain.Activities;
using IceFarm.Contracts.Workers;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

internal static class DrainBinderExtensions
{
    /// <summary>
    /// The step every event ends with: no reservation left → record the worker drained, send <c>WorkerDrained</c> to its queue
    /// (after the commit: the saga runs behind the in-memory outbox) and finalize; otherwise refresh the view and wait.
    /// </summary>
    public static EventActivityBinder<DrainState, T> FinishWhenIdle<T>(this EventActivityBinder<DrainState, T> binder)
        where T : class =>
        binder.IfElse(c => c.Saga.Remaining.Count == 0,
            idle => idle
                .Activity(x => x.OfInstanceType<FinishDrainActivity>())
                .Send(c => WorkerQueues.AddressOf(c.Saga.Worker), c => new WorkerDrained(c.Saga.Worker, c.Saga.FinishedAt!.Value))
                .Finalize(),
            busy => busy.Activity(x => x.OfInstanceType<RecordDrainActivity>()));
}
