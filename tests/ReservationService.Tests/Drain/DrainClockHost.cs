namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>A fake-clock service whose drain monitor looks every second of fake time.</summary>
public sealed class DrainClockHost : FakeClockHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?>(base.ExtraSettings) { ["Drain:CheckInterval"] = "00:00:01" };
}
