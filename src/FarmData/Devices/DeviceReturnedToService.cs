namespace IceFarm.FarmData.Devices;

/// <summary>An operator lifted the board's hold; its failed health checks are forgiven.</summary>
internal sealed record DeviceReturnedToService(string Serial, string By, string? Reason, DateTimeOffset At);
