using IceFarm.Contracts.Devices;

namespace IceFarm.FarmData.Devices;

/// <summary>The board's worker reported a new state (directly or through a heartbeat), with the worker's reason.</summary>
internal sealed record DeviceStateRecorded(string Serial, string Worker, DeviceState State, DeviceHealth Health, string Reason, DateTimeOffset At);
