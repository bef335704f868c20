namespace IceFarm.FarmData.Workers;

/// <summary>A worker's heartbeat arrived while it was unknown or offline, or it changed version, host or kinds.</summary>
internal sealed record WorkerCameOnline(string Name, string? Host, string Version, IReadOnlyList<string> Kinds, DateTimeOffset At);
