using IceFarm.Contracts.Devices;

namespace IceFarm.FarmData.Devices;

/// <summary>The board is kept out of allocation (maintenance, retired, failed health checks) by <paramref name="By"/>: an operator, or "farm".</summary>
internal sealed record DeviceHeld(string Serial, DeviceHold Hold, string By, string? Reason, DateTimeOffset At);
