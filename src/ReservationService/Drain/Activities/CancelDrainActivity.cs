namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>Ends a drain an operator overruled (returned its worker to service); its leases stay and nothing is force-ended.</summary>
internal sealed class CancelDrainActivity(IDrainActions actions, TimeProvider time) : DrainActivity
{
    protected override async Task RunAsync(DrainState drain, CancellationToken ct)
    {
        if (!await actions.IsOverruledAsync(drain, ct))
        {
            return;
        }

        drain.Cancelled = true;
        drain.FinishedAt = time.GetUtcNow();
        actions.Record(drain, finished: true);
    }
}
