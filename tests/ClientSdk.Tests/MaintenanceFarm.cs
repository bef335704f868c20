namespace IceFarm.Client.Tests;

/// <summary>A farm of one board whose only worker a test takes out of service and returns.</summary>
public sealed class MaintenanceFarm() : ClientFarm(1, new Dictionary<string, string?>());
