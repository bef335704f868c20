using System.Threading.Channels;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// One client's numbered events: a bounded window kept for resumption (Last-Event-ID) and the live subscribers.
/// Numbering and fan-out happen under one lock so a subscriber never misses or repeats an id.
/// </summary>
internal sealed class ClientEventLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<StreamEvent> _window = new();
    private readonly List<Channel<StreamEvent>> _subscribers = [];
    private long _lastId;

    public StreamEvent Append(string type, string data)
    {
        lock (_gate)
        {
            var item = new StreamEvent(++_lastId, type, data);
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

            return item;
        }
    }

    public Subscription Subscribe(long? afterId, int bufferSize)
    {
        var channel = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(bufferSize) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        lock (_gate)
        {
            var replay = afterId is { } after ? _window.Where(e => e.Id > after).ToList() : [];
            _subscribers.Add(channel);
            return new Subscription(replay, channel.Reader, () => Unsubscribe(channel));
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
