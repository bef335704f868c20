namespace IceFarm.FarmData.Reservations;

/// <summary>
/// The last renewal of a reservation's keepalive; id is the reservation's stream id. A document, not an event, so that
/// renewals every few seconds never grow the event store (like <c>WorkerLiveness</c>). Stored at the grant, overwritten by
/// each renewal, deleted when the reservation ends (or by the lease monitor when it finds one left behind).
/// </summary>
internal sealed class LeaseKeepAlive
{
    public string Id { get; set; } = "";
    public Guid ReservationId { get; set; }
    public TimeSpan KeepAlive { get; set; }
    public DateTimeOffset RenewedAt { get; set; }

    /// <summary><see cref="RenewedAt"/> plus <see cref="KeepAlive"/>, stored (and indexed) so the monitor asks only for lapsed ones.</summary>
    public DateTimeOffset LapsesAt { get; set; }

    public static LeaseKeepAlive Renewed(string id, Guid reservationId, TimeSpan keepAlive, DateTimeOffset now) => new()
    {
        Id = id,
        ReservationId = reservationId,
        KeepAlive = keepAlive,
        RenewedAt = now,
        LapsesAt = now + keepAlive,
    };
}
