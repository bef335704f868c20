namespace IceFarm.Client;

/// <summary>The lease's reservation ended (or lost every board) while the caller waited on it.</summary>
public sealed class LeaseEndedException : Exception
{
    /// <summary>Creates the exception for reservation <paramref name="reservationId"/>.</summary>
    public LeaseEndedException(Guid reservationId, string reason)
        : base($"Reservation {reservationId} ended ({reason}).")
    {
        ReservationId = reservationId;
        Reason = reason;
    }

    /// <summary>The reservation.</summary>
    public Guid ReservationId { get; }

    /// <summary>Why it ended, such as <c>expired</c> or <c>ended-by-admin</c>.</summary>
    public string Reason { get; }
}
