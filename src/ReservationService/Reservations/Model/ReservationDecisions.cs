using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// The reservation's rules as pure functions of its state (<see cref="Reservation"/>): each says which events an
/// action appends, and none reads a clock, a database or the bus. The handlers around them fetch the stream, decide,
/// append at the version read and publish.
/// </summary>
internal static class ReservationDecisions
{
    /// <summary>
    /// Extends to <c>now + duration</c>, capped at <paramref name="maxTotal"/> after the grant, and never shortens: an
    /// extension that would end sooner than the current expiry appends nothing. Null when the reservation has ended.
    /// </summary>
    public static (DateTimeOffset? ExpiresAt, IReadOnlyList<object> Events) Extend(
        Reservation reservation, TimeSpan duration, TimeSpan maxTotal, string by, DateTimeOffset now)
    {
        if (!reservation.Active)
        {
            return (null, []);
        }

        var cap = reservation.GrantedAt + maxTotal;
        var wanted = now + duration < cap ? now + duration : cap;
        return wanted <= reservation.ExpiresAt
            ? (reservation.ExpiresAt, [])
            : (wanted, [new ReservationExtended(reservation.Id, wanted, by, now)]);
    }

    /// <summary>A worker reports <paramref name="serial"/> initialised for this reservation.</summary>
    public static (ReadyDecision Decision, IReadOnlyList<object> Events) MarkReady(
        Reservation reservation, string serial, string worker, DateTimeOffset at)
    {
        if (!reservation.Active || reservation.Board(serial) is not { State: ReservationBoardState.Preparing } board)
        {
            return (ReadyDecision.Ignored, []);
        }

        return board.Worker != worker
            ? (ReadyDecision.WrongWorker, [])
            : (ReadyDecision.Ready, [new ReservationDeviceReady(reservation.Id, serial, at)]);
    }

    /// <summary>A reboot of a ready board sends it back to preparing; any other board is not the reservation's to reboot.</summary>
    public static IReadOnlyList<object> Reboot(Reservation reservation, string serial, string by, DateTimeOffset at) =>
        reservation.Active && reservation.Board(serial) is { State: ReservationBoardState.Ready }
            ? [new ReservationDeviceRebooting(reservation.Id, serial, by, at)]
            : [];

    /// <summary>
    /// Lets one board go: only a board the active reservation still holds is released, once. Releasing its last board
    /// does not end the reservation here; the caller ends it as its own step, so the end is told as any other end.
    /// </summary>
    public static IReadOnlyList<object> Release(Reservation reservation, string serial, string reason, string by, DateTimeOffset at) =>
        reservation.Active && reservation.Held.Any(b => b.Serial == serial)
            ? [new ReservationDeviceReleased(reservation.Id, serial, reason, by, at)]
            : [];

    /// <summary>Warns once per expiry that the reservation ends soon: an extension moves the expiry, and warns again.</summary>
    public static IReadOnlyList<object> WarnEndingSoon(Reservation reservation, DateTimeOffset at) =>
        reservation.Active && reservation.WarnedFor != reservation.ExpiresAt
            ? [new ReservationEndingSoonWarned(reservation.Id, reservation.ExpiresAt, at)]
            : [];

    /// <summary>Ends the reservation once: an ended one appends nothing.</summary>
    public static IReadOnlyList<object> End(
        Reservation reservation, ReservationEndReason reason, string by, DateTimeOffset at, string? detail = null) =>
        reservation.Active ? [new ReservationEnded(reservation.Id, reason, by, at, detail)] : [];

    /// <summary>
    /// Whether <paramref name="failedSerial"/> may be replaced: the reservation is active, the client did not opt out, and
    /// the board was not replaced before (each is replaced once).
    /// </summary>
    public static bool MayReplace(Reservation reservation, string failedSerial) =>
        reservation is { Active: true, NoReplacement: false } && !reservation.Replaced.Contains(failedSerial);

    /// <summary>Puts <paramref name="replacement"/> in place of <paramref name="failedSerial"/>, if <see cref="MayReplace"/>.</summary>
    public static IReadOnlyList<object> Replace(
        Reservation reservation, string failedSerial, GrantedDevice replacement, string reason, DateTimeOffset at) =>
        MayReplace(reservation, failedSerial)
            ? [new ReservationDeviceReplaced(reservation.Id, failedSerial, replacement, reason, at)]
            : [];
}
