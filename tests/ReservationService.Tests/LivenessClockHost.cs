namespace IceFarm.ReservationService.Tests;

/// <summary>A fake-clock service with the default liveness rules: offline after 15 s of silence, 2 min grace.</summary>
public sealed class LivenessClockHost : FakeClockHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Liveness:OfflineAfter"] = "00:00:15",
        ["Liveness:GracePeriod"] = "00:02:00",
        ["Liveness:ReconnectGrace"] = "00:00:00",
        ["Liveness:CheckInterval"] = "00:00:01",
    };
}
