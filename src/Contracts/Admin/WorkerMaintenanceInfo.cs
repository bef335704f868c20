namespace IceFarm.Contracts.Admin;

/// <summary>A worker's maintenance as operators see it: it takes no reservations until an operator returns it to service.</summary>
/// <param name="By">The admin who put it into maintenance.</param>
/// <param name="Reason">Why, in the operator's words; null when none was given.</param>
/// <param name="Since">When it went into maintenance.</param>
public sealed record WorkerMaintenanceInfo(string By, string? Reason, DateTimeOffset Since);
