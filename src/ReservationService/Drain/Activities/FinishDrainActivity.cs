namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>Records the worker drained; the state machine then publishes <c>WorkerDrained</c> and finalizes.</summary>
internal sealed class FinishDrainActivity(IDrainActions actions, TimeProvider time) : DrainActivity
{
    protected override async Task RunAsync(DrainState drain, CancellationToken ct)
    {
        drain.FinishedAt = time.GetUtcNow();
        if (drain.WorkerKnown)
        {
            await actions.MarkDrainedAsync(drain, ct);
        }

        actions.Record(drain, finished: true);
    }
}
