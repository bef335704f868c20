using JasperFx.Events;
using Marten.Events.Aggregation;

namespace IceFarm.ReservationService.Devices;

/// <summary>Inline: allocation reads it in the same transaction that appends to the device streams.</summary>
internal sealed class DeviceViewProjection : SingleStreamProjection<DeviceView, string>
{
    // Each Apply records the stream version: allocation appends against it.
    public static DeviceView Create(IEvent<DeviceStateRecorded> e)
    {
        var view = new DeviceView { Serial = e.Data.Serial };
        Apply(e, view);
        return view;
    }

    public static void Apply(IEvent<DeviceStateRecorded> @event, DeviceView view)
    {
        var e = @event.Data;
        view.StreamVersion = @event.Version;
        view.Worker = e.Worker;
        view.State = e.State;
        view.Health = e.Health;
        view.Reason = e.Reason;
        view.UpdatedAt = e.At;
    }

    public static void Apply(IEvent<DeviceReserved> @event, DeviceView view)
    {
        var e = @event.Data;
        view.StreamVersion = @event.Version;
        view.ReservationId = e.ReservationId;
        view.ClientId = e.ClientId;
        view.Kind = e.Kind;
        view.ExpiresAt = e.ExpiresAt;
        view.UpdatedAt = e.At;
    }

    public static void Apply(IEvent<DeviceReleased> @event, DeviceView view)
    {
        var e = @event.Data;
        view.StreamVersion = @event.Version;
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
}
