namespace IceFarm.FarmData.Reservations;

/// <summary>A board's state within a reservation, as the client API names it.</summary>
internal enum ReservationDeviceState
{
    Preparing,
    Ready,
    Failed,
    Released,
}
