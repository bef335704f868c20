namespace IceFarm.WorkerAgent.Boards;

/// <summary>The reservation a board is being prepared for or serves.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ClientId">Its client, echoed in results.</param>
/// <param name="Kind">Reservation kind as on the bus.</param>
/// <param name="Firmware">The firmware serving that kind.</param>
internal sealed record BoardReservation(Guid ReservationId, string ClientId, string Kind, FirmwareKind Firmware);
