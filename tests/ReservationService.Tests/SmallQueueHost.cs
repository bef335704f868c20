namespace IceFarm.ReservationService.Tests;

/// <summary>A service that lets only two evaluations wait or run per board, to see back-pressure.</summary>
public sealed class SmallQueueHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Evaluations:MaxOpenPerBoard"] = "2",
    };
}
