namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>Strict order: every waiting request is protected at once (backfill window 0), so nobody overtakes a waiter.</summary>
public sealed class StrictQueueHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Queue:BackfillWindow"] = "00:00:00",
        ["Queue:NewWorkerGrace"] = "00:00:00",
    };
}

/// <summary>A backfill window longer than any test: requests behind a waiter may be served before it.</summary>
public sealed class BackfillQueueHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Queue:BackfillWindow"] = "00:30:00",
    };
}

/// <summary>Replicas that count as gone after a second without presence, and look at the line five times a second.</summary>
public sealed class ShortPresenceQueueHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Queue:PollInterval"] = "00:00:00.200",
        ["Queue:PresenceInterval"] = "00:00:00.300",
        ["Queue:HolderTimeout"] = "00:00:01",
    };
}
