using Marten.Events.Aggregation;

namespace IceFarm.ReservationService.Devices;

/// <summary>Inline: allocation reads it in the same transaction that appends to the device streams.</summary>
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
        view.Health = e.Health;
        view.Reason = e.Reason;
        view.UpdatedAt = e.At;
    }

    public static void Apply(DeviceReserved e, DeviceView view)
    {
        view.ReservationId = e.ReservationId;
        view.ClientId = e.ClientId;
        view.Kind = e.Kind;
        view.ExpiresAt = e.ExpiresAt;
        view.UpdatedAt = e.At;
    }

    public static void Apply(DeviceReleased e, DeviceView view)
    {
        if (view.ReservationId != e.ReservationId)
        {
            return;
        }

        view.ReservationId = null;
        view.ClientId = null;
        view.Kind = null;
        view.ExpiresAt = null;
        view.Reason = e.Reason;
        view.UpdatedAt = e.At;
    }

    public static void Apply(DeviceLeaseExtended e, DeviceView view)
    {
        if (view.ReservationId == e.ReservationId)
        {
            view.ExpiresAt = e.ExpiresAt;
            view.UpdatedAt = e.At;
        }
    }
}
