namespace IceFarm.FarmData.Workers;

/// <summary>
/// Worker-stream event: an operator took the worker out of service. The allocator skips it from this event on, until
/// <see cref="WorkerReturnedToService"/>; the worker coming online again (a restart) does not end it.
/// </summary>
internal sealed record WorkerMaintenanceStarted(string Worker, string By, string? Reason, DateTimeOffset At);
