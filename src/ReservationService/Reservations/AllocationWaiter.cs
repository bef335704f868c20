namespace IceFarm.ReservationService.Reservations;

/// <summary>A request queued for boards; completes with its reservation, or null when its wait ran out.</summary>
internal sealed class AllocationWaiter(AllocationRequest request, DateTimeOffset deadline)
{
    public AllocationRequest Request { get; } = request;

    public DateTimeOffset Deadline { get; } = deadline;

    public TaskCompletionSource<ReservationView?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
