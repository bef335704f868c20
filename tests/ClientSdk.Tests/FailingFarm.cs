namespace IceFarm.Client.Tests;

/// <summary>A farm of two boards whose worker a test stops, with liveness deadlines short enough for a test.</summary>
public sealed class FailingFarm() : ClientFarm(2, new Dictionary<string, string?>
{
    ["Liveness:OfflineAfter"] = "00:00:03",
    ["Liveness:GracePeriod"] = "00:00:05",
    ["Liveness:ReconnectGrace"] = "00:00:01",
    // A lost worker does not drain: stopping it must look like a crash.
    ["Worker:DrainOnShutdown"] = "false",
});
