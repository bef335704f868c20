using System.Threading.Channels;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// One client's numbered events in this process: the recent window and the live subscribers. Numbers continue from
/// the store after a restart (loaded once per client, not per event); events reach subscribers only once stored, so
/// an id a client has seen is never reused.
/// </summary>
internal sealed class ClientEventLog(string clientId, int capacity) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _init = new(1, 1);
    private readonly Queue<StreamEvent> _window = new();
    private readonly List<Channel<StreamEvent>> _subscribers = [];
    private long _lastAssigned;
    private long _lastDelivered;
    private bool _initialized;

    public string ClientId { get; } = clientId;

    public void Dispose() => _init.Dispose();

    public async Task EnsureInitializedAsync(Func<string, CancellationToken, Task<long>> loadLastId, CancellationToken ct)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _init.WaitAsync(ct);
        try
        {
            if (!_initialized)
            {
                var last = await loadLastId(ClientId, ct);
                lock (_gate)
                {
                    _lastAssigned = _lastDelivered = last;
                }

                Volatile.Write(ref _initialized, true);
            }
        }
        finally
        {
            _init.Release();
        }
    }

    /// <summary>Called by the single writer only, so numbering needs no further coordination.</summary>
    public long NextId() => ++_lastAssigned;

    public void Deliver(StreamEvent item)
    {
        lock (_gate)
        {
            _lastDelivered = item.Id;
            _window.Enqueue(item);
            while (_window.Count > capacity)
            {
                _window.Dequeue();
            }

            foreach (var subscriber in _subscribers)
            {
                // A subscriber too slow to keep up loses its connection, not the events: it resumes from its last id.
                if (!subscriber.Writer.TryWrite(item))
                {
                    subscriber.Writer.TryComplete();
                }
            }
        }
    }

    /// <summary>Registers a live feed; returns the events after <paramref name="afterId"/> the window still holds, or null when the store must fill the gap up to <c>UpTo</c>.</summary>
    public (IReadOnlyList<StreamEvent>? Replay, long UpTo, Subscription Subscription) Subscribe(long? afterId, int bufferSize)
    {
        var channel = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(bufferSize) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
            var subscription = new Subscription(channel.Reader, () => Unsubscribe(channel));
            if (afterId is not { } after || after >= _lastDelivered)
            {
                return ([], _lastDelivered, subscription);
            }

            var covered = _window.Count > 0 && _window.Peek().Id <= after + 1;
            return (covered ? _window.Where(e => e.Id > after).ToList() : null, _lastDelivered, subscription);
        }
    }

    private void Unsubscribe(Channel<StreamEvent> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }
}
