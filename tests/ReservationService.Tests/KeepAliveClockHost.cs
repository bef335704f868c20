namespace IceFarm.ReservationService.Tests;

/// <summary>
/// A fake-clock service whose lease monitor never ticks by itself (its interval is a day of fake time): the keepalive
/// tests run its check themselves, so each decision happens at the instant they set, and never twice at once.
/// </summary>
public sealed class KeepAliveClockHost : FakeClockHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Liveness:OfflineAfter"] = "1.00:00:00",
        ["Leases:MaxTotal"] = "02:00:00",
        ["Leases:EndingSoonBefore"] = "00:05:00",
        ["Leases:CheckInterval"] = "1.00:00:00",
    };
}
