namespace IceFarm.FarmData.Devices;

/// <summary>The board's worker ran its periodic health check between reservations.</summary>
internal sealed record DeviceHealthCheckRecorded(string Serial, string Worker, bool Passed, string Reason, DateTimeOffset At);
