namespace IceFarm.ReservationService.Tests.Reconciliation;

/// <summary>A fake-clock service that re-sends a lost command once a board has disagreed with the store for 10 s.</summary>
public sealed class ReconciliationClockHost : FakeClockHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        // Only the heartbeats the test sends matter: the worker must not go offline while the clock moves.
        ["Liveness:OfflineAfter"] = "1.00:00:00",
        ["Reconciliation:ResendAfter"] = "00:00:10",
    };
}
