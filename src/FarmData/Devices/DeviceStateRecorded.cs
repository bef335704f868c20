using IceFarm.Contracts.Devices;

namespace IceFarm.FarmData.Devices;

/// <summary>
/// The board's worker reported a new state (directly or through a heartbeat), with the worker's reason; or the service
/// concluded one for it (the worker went silent, or stopped listing the board).
/// </summary>
/// <param name="ReportedAt">
/// When the worker said it, on the worker's clock (the state change's time, or the heartbeat's); null when the service
/// concluded it. A heartbeat whose snapshot is older than this says nothing new about the board (reservation-service.md, Workers).
/// </param>
internal sealed record DeviceStateRecorded(
    string Serial, string Worker, DeviceState State, DeviceHealth Health, string Reason, DateTimeOffset At, DateTimeOffset? ReportedAt = null);
