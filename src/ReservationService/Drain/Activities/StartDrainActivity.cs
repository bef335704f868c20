namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>Marks the worker draining and counts the reservations that hold its boards.</summary>
internal sealed class StartDrainActivity(IDrainActions actions) : DrainActivity
{
    protected override async Task RunAsync(DrainState drain, CancellationToken ct)
    {
        drain.WorkerKnown = await actions.MarkDrainingAsync(drain, ct);
        drain.Remaining = drain.WorkerKnown ? [.. await actions.FindHoldingAsync(drain.Worker, ct)] : [];
    }
}
