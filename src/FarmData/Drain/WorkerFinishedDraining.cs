namespace IceFarm.FarmData.Drain;

/// <summary>Worker-stream event: no reservation holds its boards any more; <see cref="ForceEnded"/> were ended by the deadline.</summary>
internal sealed record WorkerFinishedDraining(string Name, int ForceEnded, DateTimeOffset At);
