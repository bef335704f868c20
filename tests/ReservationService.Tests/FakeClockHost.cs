using Microsoft.Extensions.Time.Testing;

namespace IceFarm.ReservationService.Tests;

/// <summary>A ReservationService whose clock the test moves: leases expire when the test says so.</summary>
public class FakeClockHost : ReservationServiceHost
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    public FakeTimeProvider Clock => _time;

    public override TimeProvider? Time => _time;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        // The lease tests announce a worker once; it must not go silent while they move the clock by hours.
        ["Liveness:OfflineAfter"] = "1.00:00:00",
        ["Leases:MaxTotal"] = "02:00:00",
        ["Leases:EndingSoonBefore"] = "00:05:00",
        ["Leases:CheckInterval"] = "00:00:01",
    };
}
