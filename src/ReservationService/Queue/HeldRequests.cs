using System.Collections.Concurrent;
using IceFarm.FarmData.Queue;

namespace IceFarm.ReservationService.Queue;

/// <summary>The queued requests whose clients wait on this replica, and how each learns its outcome.</summary>
internal sealed class HeldRequests
{
    private readonly ConcurrentDictionary<Guid, Held> _held = new();

    public bool IsEmpty => _held.IsEmpty;

    /// <summary>
    /// The requests whose documents are stored. One registered but not yet committed is left out: the waiting line's look
    /// would otherwise find no document, take it for removed by a server, and answer its client "nothing became free"
    /// at once (seen under load, a 409 a second into a minute's wait).
    /// </summary>
    public IReadOnlyList<Guid> StoredIds => [.. _held.Where(h => h.Value.Stored).Select(h => h.Key)];

    /// <summary>Registered before the document is stored, so a server's answer that comes at once is not missed.</summary>
    public Task<QueuedRequest?> Register(Guid id)
    {
        var held = new Held();
        _held[id] = held;
        return held.Outcome.Task;
    }

    /// <summary>The request's document is committed: from now on its absence means a server removed it.</summary>
    public void MarkStored(Guid id)
    {
        if (_held.TryGetValue(id, out var held))
        {
            held.Stored = true;
        }
    }

    public void Remove(Guid id) => _held.TryRemove(id, out _);

    /// <summary>The request ended (null: it is gone from the store); its client, if it waits here, is answered.</summary>
    public void Complete(Guid id, QueuedRequest? entry)
    {
        if (_held.TryGetValue(id, out var held))
        {
            held.Outcome.TrySetResult(entry);
        }
    }

    private sealed class Held
    {
        public TaskCompletionSource<QueuedRequest?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Stored;
    }
}
