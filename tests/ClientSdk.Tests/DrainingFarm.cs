namespace IceFarm.Client.Tests;

/// <summary>A farm of two boards whose only worker a test drains (its boards are not granted again afterwards).</summary>
public sealed class DrainingFarm() : ClientFarm(2, new Dictionary<string, string?>());
