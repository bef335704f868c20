namespace IceFarm.FarmData.Reservations;

/// <summary>Why a reservation ended (ARCHITECTURE.md §5).</summary>
internal enum ReservationEndReason
{
    Expired,
    EndedByClient,
    EndedByAdmin,
    WorkerLost,
    DeviceFailed,
    Drained,

    /// <summary>The client stopped renewing its keepalive (killed, crashed, suspended or cut off) for longer than the TTL.</summary>
    KeepAliveLapsed,
}
