namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>What a worker's "board initialised" does to a reservation.</summary>
internal enum ReadyDecision
{
    /// <summary>The board is ready in the reservation: append <c>ReservationDeviceReady</c> and tell the client.</summary>
    Ready,

    /// <summary>Nothing to do: a redelivery, or the reservation ended or let the board go while it was preparing.</summary>
    Ignored,

    /// <summary>The report came from a worker that does not have the board in this reservation: refuse and count it.</summary>
    WrongWorker,
}
