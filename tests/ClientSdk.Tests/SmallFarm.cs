namespace IceFarm.Client.Tests;

/// <summary>A farm of two boards that judges requests against its size at once (no grace for a worker that just started).</summary>
public sealed class SmallFarm() : ClientFarm(2, new Dictionary<string, string?> { ["Queue:NewWorkerGrace"] = "00:00:00" });
