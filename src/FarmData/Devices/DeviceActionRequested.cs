namespace IceFarm.FarmData.Devices;

/// <summary>Someone asked for an action on the board (reboot, forget); the history shows who.</summary>
internal sealed record DeviceActionRequested(string Serial, string Action, string By, DateTimeOffset At);
