using System.Threading.Channels;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// One client's live subscribers on this replica, and the last event delivered to them. Events are numbered in the store
/// (any replica may write them); this log only delivers them, strictly in order and without gaps: an event that does not
/// follow the last one delivered is refused, and the hub fills the gap from the store. It keeps no events: a stream that
/// resumes reads what it missed from the store.
/// </summary>
internal sealed class ClientEventLog(string clientId) : IDisposable
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunAgain = 2;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _init = new(1, 1);
    private readonly List<Channel<StreamEvent>> _subscribers = [];
    private long _lastDelivered;
    private bool _initialized;
    private int _catchUp;

    public string ClientId { get; } = clientId;

    public long LastDelivered
    {
        get
        {
            lock (_gate)
            {
                return _lastDelivered;
            }
        }
    }

    public bool HasSubscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count > 0;
            }
        }
    }

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
                    _lastDelivered = Math.Max(_lastDelivered, last);
                }

                Volatile.Write(ref _initialized, true);
            }
        }
        finally
        {
            _init.Release();
        }
    }

    /// <summary>
    /// Delivers the event that follows the last one delivered; an earlier one is a duplicate and ignored. Returns false
    /// for a later one (another replica wrote the events between): the caller fills the gap from the store. With
    /// <paramref name="fromStore"/> the store is the authority: a gap there (events deleted by retention) is skipped.
    /// </summary>
    public bool Deliver(StreamEvent item, bool fromStore = false)
    {
        lock (_gate)
        {
            if (item.Id <= _lastDelivered)
            {
                return true;
            }

            // Nobody listening here, or the store skipped ids (retention): nothing is missing then.
            if (item.Id != _lastDelivered + 1 && !fromStore && _subscribers.Count > 0)
            {
                return false;
            }

            _lastDelivered = item.Id;

            foreach (var subscriber in _subscribers)
            {
                // A subscriber too slow to keep up loses its connection, not the events: it resumes from its last id.
                if (!subscriber.Writer.TryWrite(item))
                {
                    subscriber.Writer.TryComplete();
                }
            }

            return true;
        }
    }

    /// <summary>Registers a live feed; <c>Replay</c> says whether the store must fill the gap from <paramref name="afterId"/> up to <c>UpTo</c>.</summary>
    public (bool Replay, long UpTo, Subscription Subscription) Subscribe(long? afterId, int bufferSize)
    {
        var channel = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(bufferSize) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
            var subscription = new Subscription(channel.Reader, () => Unsubscribe(channel));
            return (afterId < _lastDelivered, _lastDelivered, subscription);
        }
    }

    /// <summary>Asks for a catch-up from the store; true when the caller must run it (none is running yet).</summary>
    public bool RequestCatchUp()
    {
        while (true)
        {
            var state = Volatile.Read(ref _catchUp);
            var next = state == Idle ? Running : RunAgain;
            if (Interlocked.CompareExchange(ref _catchUp, next, state) == state)
            {
                return state == Idle;
            }
        }
    }

    /// <summary>Ends a catch-up run; true when another was requested meanwhile and the runner must go again.</summary>
    public bool FinishCatchUp() =>
        Interlocked.CompareExchange(ref _catchUp, Running, RunAgain) == RunAgain
        || Interlocked.CompareExchange(ref _catchUp, Idle, Running) != Running;

    private void Unsubscribe(Channel<StreamEvent> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }
}
