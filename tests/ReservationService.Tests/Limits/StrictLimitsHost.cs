namespace IceFarm.ReservationService.Tests.Limits;

/// <summary>A service whose abuse limits are small enough for a test to reach them.</summary>
public sealed class StrictLimitsHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Limits:RequestsPerSecond"] = "2",
        ["Limits:RequestBurst"] = "12",
        ["Limits:AnonymousRequestsPerSecond"] = "1",
        ["Limits:AnonymousBurst"] = "3",
        ["Limits:LeaseActionsPerMinute"] = "3",
        ["Limits:EventStreamsPerClient"] = "2",
        ["Limits:UploadBytesInFlightPerClient"] = "1048576",
        ["Evaluations:MaxEvaluationsPerUpload"] = "4",
    };
}
