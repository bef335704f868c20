namespace IceFarm.ReservationService.Reservations;

/// <summary>A board the <see cref="FreeBoardIndex"/> handed to one grant attempt; nobody else in this process picks it until settled.</summary>
internal sealed record ClaimedBoard(string Serial, string Worker);
