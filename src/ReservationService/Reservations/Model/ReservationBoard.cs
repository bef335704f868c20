namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>One board of a <see cref="Reservation"/>: which worker has it and where it stands.</summary>
internal sealed record ReservationBoard(string Serial, string Worker, ReservationBoardState State);
