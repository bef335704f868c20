using System.Collections.Concurrent;

namespace IceFarm.ReservationService.Queue;

/// <summary>The queued requests whose clients wait on this replica, and how each learns its outcome.</summary>
internal sealed class HeldRequests
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<QueuedRequest?>> _held = new();

    public bool IsEmpty => _held.IsEmpty;

    public ICollection<Guid> Ids => _held.Keys;

    public Task<QueuedRequest?> Register(Guid id)
    {
        var outcome = new TaskCompletionSource<QueuedRequest?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _held[id] = outcome;
        return outcome.Task;
    }

    public void Remove(Guid id) => _held.TryRemove(id, out _);

    /// <summary>The request ended (null: it is gone from the store); its client, if it waits here, is answered.</summary>
    public void Complete(Guid id, QueuedRequest? entry)
    {
        if (_held.TryGetValue(id, out var outcome))
        {
            outcome.TrySetResult(entry);
        }
    }
}
