using IceFarm.AdminApi.History;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using JasperFx.Events;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

/// <summary>A board's part in one reservation, told as the entries its history showed when device streams repeated it.</summary>
public sealed class When_a_boards_history_tells_its_reservations
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void A_granted_board_is_reserved_extended_and_released_by_the_end_and_another_board_sees_none_of_it()
    {
        var stream = Stream(
            new ReservationGranted(Id, "alice", "pulsecount", new Dictionary<string, string>(), [new GrantedDevice("A", "w"), new GrantedDevice("B", "w")], T0.AddHours(1), T0),
            new ReservationDeviceReleased(Id, "B", "released by the client", "alice", T0.AddMinutes(5)),
            new ReservationExtended(Id, T0.AddHours(2), "alice", T0.AddMinutes(10)),
            new ReservationEnded(Id, ReservationEndReason.EndedByAdmin, "bob", T0.AddMinutes(20)));

        var a = BoardReservations.Of("A", stream).ToList();
        Assert.Equal([typeof(DeviceReserved), typeof(DeviceLeaseExtended), typeof(DeviceReleased)], a.Select(e => e.Data.GetType()));
        Assert.Equal(new DeviceReserved("A", Id, "alice", "pulsecount", T0.AddHours(1), T0), a[0].Data);
        Assert.Equal(new DeviceReleased("A", Id, "EndedByAdmin", T0.AddMinutes(20)), a[2].Data);
        Assert.Equal(("bob", 4L), (a[2].EndedBy, a[2].Sequence));

        // B left before the extension and the end: only its grant and its own release.
        var b = BoardReservations.Of("B", stream).ToList();
        Assert.Equal([typeof(DeviceReserved), typeof(DeviceReleased)], b.Select(e => e.Data.GetType()));
        Assert.Null(b[1].EndedBy);
        Assert.Empty(BoardReservations.Of("C", stream));
    }

    [Fact]
    public void A_replacement_is_reserved_from_its_replacement_on_with_the_expiry_then_in_force()
    {
        var stream = Stream(
            new ReservationGranted(Id, "alice", "variance", new Dictionary<string, string>(), [new GrantedDevice("A", "w")], T0.AddHours(1), T0),
            new ReservationExtended(Id, T0.AddHours(3), "alice", T0.AddMinutes(1)),
            new ReservationDeviceReplaced(Id, "A", new GrantedDevice("R", "w2"), "Broken", T0.AddMinutes(2)),
            new ReservationDeviceReleased(Id, "R", "released by the client", "alice", T0.AddMinutes(3)));

        var r = BoardReservations.Of("R", stream).ToList();
        Assert.Equal(new DeviceReserved("R", Id, "alice", "variance", T0.AddHours(3), T0.AddMinutes(2)), r[0].Data);
        Assert.Equal(new DeviceReleased("R", Id, "released by the client", T0.AddMinutes(3)), r[1].Data);
        Assert.Equal(2, r.Count);
    }

    private static List<IEvent> Stream(params object[] events) =>
        [.. events.Select((e, i) => (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(e.GetType()), e)!)
            .Select((e, i) => { e.Sequence = i + 1; e.Timestamp = T0.AddMinutes(i); return e; })];
}
