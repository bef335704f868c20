namespace IceFarm.FarmData.Workers;

/// <summary>No heartbeat arrived for the configured silence; the worker's boards are offline, never deleted.</summary>
internal sealed record WorkerWentOffline(string Name, string Reason, DateTimeOffset LastHeartbeat, DateTimeOffset At);
