using IceFarm.Contracts.Devices;
using Marten.Events.Aggregation;

namespace IceFarm.FarmData.Devices;

/// <summary>
/// Inline, from the board's own stream only (the worker's and the operators' facts): a grant reads it under the board's
/// lock, in the transaction that records the holder.
/// </summary>
internal sealed class DeviceViewProjection : SingleStreamProjection<DeviceView, string>
{
    public static DeviceView Create(DeviceStateRecorded e)
    {
        var view = new DeviceView { Serial = e.Serial };
        Apply(e, view);
        return view;
    }

    public static void Apply(DeviceStateRecorded e, DeviceView view)
    {
        view.Worker = e.Worker;
        view.State = e.State;
        view.WorkerHealth = e.Health;
        view.Health = HealthOf(view.Hold) ?? e.Health;
        view.Reason = e.Reason;
        view.UpdatedAt = e.At;
        view.ReportedAt = e.ReportedAt ?? view.ReportedAt;
    }

    public static void Apply(DeviceHeld e, DeviceView view)
    {
        view.Hold = e.Hold;
        view.HeldBy = e.By;
        view.HoldReason = e.Reason;
        view.HeldSince = e.At;
        view.Health = HealthOf(e.Hold) ?? view.WorkerHealth;
        view.UpdatedAt = e.At;
    }

    public static void Apply(DeviceReturnedToService e, DeviceView view)
    {
        view.Hold = null;
        view.HeldBy = null;
        view.HoldReason = null;
        view.HeldSince = null;
        view.FailedHealthChecks = 0;
        view.Health = view.WorkerHealth;
        view.UpdatedAt = e.At;
    }

    public static void Apply(DeviceHealthCheckRecorded e, DeviceView view)
    {
        view.FailedHealthChecks = e.Passed ? 0 : view.FailedHealthChecks + 1;
        view.UpdatedAt = e.At;
    }

    /// <summary>The health operators see while a hold is set.</summary>
    private static DeviceHealth? HealthOf(DeviceHold? hold) => hold switch
    {
        DeviceHold.Maintenance => DeviceHealth.Maintenance,
        DeviceHold.Retired => DeviceHealth.Retired,
        DeviceHold.FailedHealthChecks => DeviceHealth.Bad,
        _ => null,
    };
}
