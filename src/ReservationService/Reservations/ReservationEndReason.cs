namespace IceFarm.ReservationService.Reservations;

/// <summary>Why a reservation ended (ARCHITECTURE.md §5).</summary>
internal enum ReservationEndReason
{
    Expired,
    EndedByClient,
    EndedByAdmin,
    WorkerLost,
    DeviceFailed,
    Drained,
}
