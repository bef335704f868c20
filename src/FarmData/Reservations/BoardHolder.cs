namespace IceFarm.FarmData.Reservations;

/// <summary>
/// The reservation that holds a board; <see cref="Id"/> is the board's serial. Written only by
/// <see cref="BoardHolderProjection"/> from the reservation's own events; a board nobody holds has none. The client,
/// kind and expiry are the reservation's (<see cref="ReservationView"/>), not repeated here.
/// </summary>
internal sealed class BoardHolder
{
    /// <summary>The board's serial.</summary>
    public string Id { get; set; } = "";
    public Guid ReservationId { get; set; }

    /// <summary>The worker the board was granted on, where its reservation's commands go.</summary>
    public string Worker { get; set; } = "";

    /// <summary>When the reservation took the board (its grant, or the replacement of a failed board).</summary>
    public DateTimeOffset Since { get; set; }
}
