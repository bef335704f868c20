using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;

namespace IceFarm.ReservationService.Devices;

/// <summary>
/// The decisions about a board's hold, as pure functions of its view: what an operator's request or a health check
/// result adds to the device stream (nothing when it changes nothing, so a redelivered message is harmless).
/// </summary>
internal static class DeviceHolds
{
    /// <summary>Who holds a board that failed its health checks.</summary>
    public const string Farm = "farm";

    public static DeviceHeld? Hold(DeviceView view, DeviceHold hold, string by, string? reason, DateTimeOffset now) =>
        view.Hold == hold ? null : new DeviceHeld(view.Serial, hold, by, reason, now);

    public static DeviceReturnedToService? Return(DeviceView view, string by, string? reason, DateTimeOffset now) =>
        view.Hold is null && view.FailedHealthChecks == 0 ? null : new DeviceReturnedToService(view.Serial, by, reason, now);

    /// <summary>
    /// Records a check; the <paramref name="failuresToHold"/>-th failure in a row holds the board (health Bad) until an
    /// operator returns it. A single failure is not enough: one flaky flash must not take a board away (the worker
    /// retries a Broken board by itself).
    /// </summary>
    public static IReadOnlyList<object> Checked(DeviceView view, DeviceHealthChecked check, int failuresToHold)
    {
        var recorded = new DeviceHealthCheckRecorded(view.Serial, check.Worker, check.Passed, check.Reason, check.At);
        var failures = check.Passed ? 0 : view.FailedHealthChecks + 1;
        return failures >= failuresToHold && view.Hold is null
            ? [recorded, new DeviceHeld(view.Serial, DeviceHold.FailedHealthChecks, Farm,
                $"{failures} health checks in a row failed; the last: {check.Reason}", check.At)]
            : [recorded];
    }
}
