using IceFarm.FarmData.Drain;

namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>Refreshes the operators' <see cref="DrainView"/> of a drain still waiting.</summary>
internal sealed class RecordDrainActivity(IDrainActions actions) : DrainActivity
{
    protected override Task RunAsync(DrainState drain, CancellationToken ct)
    {
        actions.Record(drain, finished: false);
        return Task.CompletedTask;
    }
}
