using Marten.Events.Aggregation;

namespace IceFarm.FarmData.Reservations;

/// <summary>
/// Inline. An event about a board applies to the board's latest entry: a board released earlier may come back as the
/// replacement of another, and its release then is that entry's (as in the write model, <c>Reservation.Move</c>).
/// </summary>
internal sealed class ReservationViewProjection : SingleStreamProjection<ReservationView, string>
{
    public static ReservationView Create(ReservationGranted e) => new()
    {
        ReservationId = e.ReservationId,
        ClientId = e.ClientId,
        Kind = e.Kind,
        Args = new Dictionary<string, string>(e.Args),
        Devices = [.. e.Devices.Select(d => new ReservationDeviceView { Serial = d.Serial, Worker = d.Worker, State = ReservationDeviceState.Preparing })],
        ExpiresAt = e.ExpiresAt,
        GrantedAt = e.At,
        KeepAlive = e.KeepAlive,
        Active = true,
        NoReplacement = e.NoReplacement,
        BoardHours = e.Devices.Count * (e.ExpiresAt - e.At).TotalHours,
    };

    public static void Apply(ReservationDeviceReady e, ReservationView view)
    {
        var device = view.Devices.FindLast(d => d.Serial == e.Serial);
        if (device is not null && device.State == ReservationDeviceState.Preparing)
        {
            device.State = ReservationDeviceState.Ready;
        }
    }

    public static void Apply(ReservationDeviceReplaced e, ReservationView view)
    {
        view.Devices.Add(new ReservationDeviceView { Serial = e.Replacement.Serial, Worker = e.Replacement.Worker, State = ReservationDeviceState.Preparing });
        view.ReplacedSerials.Add(e.FailedSerial);
    }

    public static void Apply(ReservationDeviceRebooting e, ReservationView view)
    {
        var device = view.Devices.FindLast(d => d.Serial == e.Serial);
        if (device is not null && device.State == ReservationDeviceState.Ready)
        {
            device.State = ReservationDeviceState.Preparing;
        }
    }

    public static void Apply(ReservationEnded e, ReservationView view)
    {
        view.Active = false;
        view.EndReason = e.Reason;
        view.EndedAt = e.At;
        view.BoardHours = view.Devices.Count * Math.Max(0, (e.At - view.GrantedAt).TotalHours);
        foreach (var device in view.Devices.Where(d => d.State != ReservationDeviceState.Released))
        {
            device.State = ReservationDeviceState.Released;
            device.ReleasedAt = e.At;
        }
    }

    public static void Apply(ReservationExtended e, ReservationView view)
    {
        view.ExpiresAt = e.ExpiresAt;
        view.BoardHours = view.Devices.Count * (e.ExpiresAt - view.GrantedAt).TotalHours;
    }

    public static void Apply(ReservationEndingSoonWarned e, ReservationView view) => view.WarnedFor = e.ExpiresAt;

    public static void Apply(ReservationDeviceReleased e, ReservationView view)
    {
        var device = view.Devices.FindLast(d => d.Serial == e.Serial);
        if (device is not null && device.State != ReservationDeviceState.Released)
        {
            device.State = ReservationDeviceState.Released;
            device.ReleasedAt = e.At;
        }
    }
}
