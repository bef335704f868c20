using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;

namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// The reservation facts a board's own stream repeats, derived from the reservation's events in this one place: a board's
/// stream says who holds it (<c>DeviceReserved</c>, <c>DeviceLeaseExtended</c>, <c>DeviceReleased</c>) because the
/// allocator's optimistic concurrency reads the board's stream version, and the free-board index and <c>DeviceView</c>
/// project from it. Appended in the same transaction as the reservation's events, so the two never disagree.
/// </summary>
internal static class DeviceStreamCopies
{
    /// <summary>
    /// The copies <paramref name="events"/> call for, each with the board's stream id, when they follow
    /// <paramref name="before"/> (null: the events start the reservation). Each event is read against the state the
    /// events before it left, so that a release and an end in one batch release each board once.
    /// </summary>
    public static IReadOnlyList<(string Stream, object Event)> For(Reservation? before, IEnumerable<object> events)
    {
        var copies = new List<(string, object)>();
        var state = before;
        foreach (var e in events)
        {
            copies.AddRange(Of(state, e).Select(copy => (StreamIds.Device(copy.Serial), copy.Event)));
            state = ReservationEvolution.Evolve(state, e);
        }

        return copies;
    }

    private static IEnumerable<(string Serial, object Event)> Of(Reservation? state, object e) => (state, e) switch
    {
        (null, ReservationGranted g) => g.Devices.Select(d =>
            (d.Serial, (object)new DeviceReserved(d.Serial, g.ReservationId, g.ClientId, g.Kind, g.ExpiresAt, g.At))),
        ({ Active: true } r, ReservationExtended x) => r.Held.Select(b =>
            (b.Serial, (object)new DeviceLeaseExtended(b.Serial, x.ReservationId, x.ExpiresAt, x.At))),
        ({ Active: true } r, ReservationDeviceReplaced x) =>
            [(x.Replacement.Serial, new DeviceReserved(x.Replacement.Serial, x.ReservationId, r.ClientId, r.Kind, r.ExpiresAt, x.At))],
        ({ Active: true } r, ReservationDeviceReleased x) when r.Held.Any(b => b.Serial == x.Serial) =>
            [(x.Serial, new DeviceReleased(x.Serial, x.ReservationId, x.Reason, x.At))],
        ({ Active: true } r, ReservationEnded x) => r.Held.Select(b =>
            (b.Serial, (object)new DeviceReleased(b.Serial, x.ReservationId, x.Reason.ToString(), x.At))),
        _ => [],
    };
}
