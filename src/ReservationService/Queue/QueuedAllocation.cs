using IceFarm.FarmData.Queue;
using IceFarm.ReservationService.Reservations;

namespace IceFarm.ReservationService.Queue;

/// <summary>A reserve request into the line and back: the allocator's request is the ReservationService's, the line's document the farm's.</summary>
internal static class QueuedAllocation
{
    public static QueuedRequest ToQueued(this AllocationRequest request, int priority, DateTimeOffset now, string heldBy) => new()
    {
        Id = Guid.CreateVersion7(now),
        ClientId = request.ClientId,
        Kind = request.Kind,
        Amount = request.Amount,
        Serials = request.Serials is null ? null : [.. request.Serials],
        Args = new Dictionary<string, string>(request.Args, StringComparer.Ordinal),
        Duration = request.Duration,
        KeepAlive = request.KeepAlive,
        IdempotencyId = request.IdempotencyId,
        ReplaceFailed = request.ReplaceFailed,
        Priority = priority,
        EnqueuedAt = now,
        WaitUntil = now + request.Wait,
        HeldBy = heldBy,
        State = QueueState.Waiting,
    };

    public static AllocationRequest ToAllocation(this QueuedRequest entry) =>
        new(entry.ClientId, entry.Kind, entry.Amount, entry.Serials, entry.Args, entry.Duration, TimeSpan.Zero, entry.KeepAlive, entry.IdempotencyId)
        {
            Queued = true, Priority = entry.Priority, ReplaceFailed = entry.ReplaceFailed,
        };
}
