namespace IceFarm.FarmData.Workers;

/// <summary>Worker-stream event: an operator ended the worker's maintenance (and any drain of it); it takes reservations again.</summary>
internal sealed record WorkerReturnedToService(string Worker, string By, DateTimeOffset At);
