namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// A board's state inside a reservation, as the write model decides on it: granted and preparing (flashing the
/// reservation's firmware, or again after a reboot), ready for bitstreams, or gone from the reservation.
/// </summary>
internal enum ReservationBoardState
{
    Preparing,
    Ready,
    Released,
}
