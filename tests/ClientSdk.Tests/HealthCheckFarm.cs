namespace IceFarm.Client.Tests;

/// <summary>Two boards whose worker checks a board's health after every 5 evaluations, and lets a drill break a board.</summary>
public sealed class HealthCheckFarm() : ClientFarm(2, new Dictionary<string, string?>
{
    ["Boards:HealthCheckEvery"] = "5",
    ["Boards:FlashDeadline"] = "00:00:05",
    ["Boards:FlashAttempts"] = "1",
});
