namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// What one <see cref="ReservationHandler"/> call did: the state it decided on (null: there is no such reservation, and
/// nothing was decided), the decision's outcome, and the reservation events it appended.
/// </summary>
internal sealed record ReservationChange<T>(Reservation? Before, T Outcome, IReadOnlyList<object> Events)
{
    public bool Appended => Events.Count > 0;
}
