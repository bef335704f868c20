using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// How each reservation event changes a <see cref="Reservation"/>. Kept apart from the record: Marten's source generator
/// takes an <c>Evolve</c> on an aggregate type for its own live aggregation, with another signature.
/// </summary>
internal static class ReservationEvolution
{
    /// <summary>The state after <paramref name="event"/>; an event that is not a reservation's leaves it as it was.</summary>
    public static Reservation? Evolve(Reservation? state, object @event) => (state, @event) switch
    {
        (null, ReservationGranted e) => new Reservation(
            e.ReservationId,
            e.ClientId,
            e.Kind,
            [.. e.Devices.Select(d => new ReservationBoard(d.Serial, d.Worker, ReservationBoardState.Preparing))],
            e.At,
            e.ExpiresAt,
            e.KeepAlive,
            Active: true,
            e.NoReplacement,
            [],
            WarnedFor: null),
        ({ } r, ReservationDeviceReady e) => r.Move(e.Serial, ReservationBoardState.Preparing, ReservationBoardState.Ready),
        ({ } r, ReservationDeviceRebooting e) => r.Move(e.Serial, ReservationBoardState.Ready, ReservationBoardState.Preparing),
        ({ } r, ReservationDeviceReleased e) => r.Move(e.Serial, from: null, ReservationBoardState.Released),
        ({ } r, ReservationDeviceReplaced e) => r with
        {
            Boards = r.Boards.Add(new ReservationBoard(e.Replacement.Serial, e.Replacement.Worker, ReservationBoardState.Preparing)),
            Replaced = r.Replaced.Add(e.FailedSerial),
        },
        ({ } r, ReservationExtended e) => r with { ExpiresAt = e.ExpiresAt },
        ({ } r, ReservationEndingSoonWarned e) => r with { WarnedFor = e.ExpiresAt },
        ({ } r, ReservationEnded) => r with
        {
            Active = false,
            Boards = [.. r.Boards.Select(b => b with { State = ReservationBoardState.Released })],
        },
        _ => state,
    };

    /// <summary>The state after <paramref name="events"/>, in order; null before the grant.</summary>
    public static Reservation? Fold(IEnumerable<object> events) => events.Aggregate((Reservation?)null, Evolve);
}
