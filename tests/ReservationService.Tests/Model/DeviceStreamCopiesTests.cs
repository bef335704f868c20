using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>Which reservation facts a board's stream repeats, derived from the reservation's events alone.</summary>
public sealed class DeviceStreamCopiesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly ReservationGranted Grant = new(Id, "client", "pulsecount", new Dictionary<string, string>(),
        [new GrantedDevice("A", "w1"), new GrantedDevice("B", "w2")], T0.AddHours(1), T0);

    [Fact]
    public void A_grant_reserves_each_of_its_boards_on_the_boards_stream()
    {
        Assert.Equal(
            [
                ("device-A", new DeviceReserved("A", Id, "client", "pulsecount", T0.AddHours(1), T0)),
                ("device-B", new DeviceReserved("B", Id, "client", "pulsecount", T0.AddHours(1), T0)),
            ],
            DeviceStreamCopies.For(null, [Grant]));
    }

    [Fact]
    public void An_extension_moves_the_lease_of_the_boards_still_held_only()
    {
        var released = State(new ReservationDeviceReleased(Id, "A", "released by the client", "client", T0));

        var copies = DeviceStreamCopies.For(released, [new ReservationExtended(Id, T0.AddHours(2), "client", T0.AddMinutes(5))]);

        Assert.Equal([("device-B", new DeviceLeaseExtended("B", Id, T0.AddHours(2), T0.AddMinutes(5)))], copies);
    }

    [Fact]
    public void A_release_frees_its_board_and_an_end_frees_the_others_each_once()
    {
        var at = T0.AddMinutes(5);
        object[] decided =
        [
            new ReservationDeviceReleased(Id, "A", "device failed: Broken", "farm", at),
            new ReservationDeviceReleased(Id, "A", "again", "farm", at), // not held any more: no second copy
            new ReservationEnded(Id, ReservationEndReason.DeviceFailed, "farm", at),
            new ReservationEnded(Id, ReservationEndReason.Expired, "lease", at), // ended already: nothing
        ];

        Assert.Equal(
            [
                ("device-A", new DeviceReleased("A", Id, "device failed: Broken", at)),
                ("device-B", new DeviceReleased("B", Id, nameof(ReservationEndReason.DeviceFailed), at)),
            ],
            DeviceStreamCopies.For(State(), decided));
    }

    [Fact]
    public void A_replacement_board_is_reserved_for_the_reservations_client_kind_and_expiry()
    {
        var extended = State(new ReservationExtended(Id, T0.AddHours(3), "client", T0));
        var replaced = new ReservationDeviceReplaced(Id, "A", new GrantedDevice("R", "w3"), "Broken", T0.AddMinutes(7));

        Assert.Equal(
            [("device-R", new DeviceReserved("R", Id, "client", "pulsecount", T0.AddHours(3), T0.AddMinutes(7)))],
            DeviceStreamCopies.For(extended, [replaced]));
    }

    [Fact]
    public void Events_that_no_board_stream_repeats_and_events_after_the_end_copy_nothing()
    {
        object[] inside =
        [
            new ReservationDeviceReady(Id, "A", T0), new ReservationDeviceRebooting(Id, "A", "client", T0),
            new ReservationEndingSoonWarned(Id, T0.AddHours(1), T0),
        ];
        Assert.Empty(DeviceStreamCopies.For(State(), inside));

        var ended = State(new ReservationEnded(Id, ReservationEndReason.EndedByClient, "client", T0));
        object[] late =
        [
            new ReservationExtended(Id, T0.AddHours(2), "client", T0),
            new ReservationDeviceReplaced(Id, "A", new GrantedDevice("R", "w3"), "Broken", T0),
            new ReservationDeviceReleased(Id, "B", "released", "client", T0),
        ];
        Assert.Empty(DeviceStreamCopies.For(ended, late));
    }

    private static Reservation State(params object[] after) => ReservationEvolution.Fold([Grant, .. after])!;
}
