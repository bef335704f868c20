namespace IceFarm.ReservationService.Tests.Index;

/// <summary>A service whose free-board index is never reloaded on a timer, so what keeps it right is the commit listener alone.</summary>
public sealed class IndexHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Reservations:IndexReload"] = "1.00:00:00",
    };
}
