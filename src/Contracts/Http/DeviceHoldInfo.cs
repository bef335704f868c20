namespace IceFarm.Contracts.Http;

/// <summary>Why a board is kept out of allocation, and by whom.</summary>
/// <param name="Hold"><c>Maintenance</c>, <c>Retired</c> or <c>FailedHealthChecks</c> (<see cref="Devices.DeviceHold"/>).</param>
/// <param name="By">The operator who set it, or <c>farm</c> for failed health checks.</param>
/// <param name="Reason">Why, as given.</param>
/// <param name="Since">When it was set.</param>
public sealed record DeviceHoldInfo(string Hold, string By, string? Reason, DateTimeOffset Since);
