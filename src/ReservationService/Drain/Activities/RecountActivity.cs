namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>
/// Counts again from the store instead of striking one id off: a recount also catches a grant that raced the drain's
/// start and a board released on its own.
/// </summary>
internal sealed class RecountActivity(IDrainActions actions) : DrainActivity
{
    protected override async Task RunAsync(DrainState drain, CancellationToken ct) =>
        drain.Remaining = [.. await actions.FindHoldingAsync(drain.Worker, ct)];
}
