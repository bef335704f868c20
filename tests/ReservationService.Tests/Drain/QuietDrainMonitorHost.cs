namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>A service whose drain monitor looks once an hour: a drain moves on only through the messages it is sent.</summary>
public sealed class QuietDrainMonitorHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
        new Dictionary<string, string?> { ["Drain:CheckInterval"] = "01:00:00" };
}
