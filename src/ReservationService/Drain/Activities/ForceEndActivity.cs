namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>At the deadline: ends every reservation still holding the worker's boards, with reason <c>Drained</c>.</summary>
internal sealed class ForceEndActivity(IDrainActions actions) : DrainActivity
{
    protected override async Task RunAsync(DrainState drain, CancellationToken ct)
    {
        var ended = await actions.ForceEndAsync(drain.Remaining, ct);
        drain.ForceEnded = [.. drain.ForceEnded.Union(ended)];
        drain.Remaining = [.. await actions.FindHoldingAsync(drain.Worker, ct)];
    }
}
