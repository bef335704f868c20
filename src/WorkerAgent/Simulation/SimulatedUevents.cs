using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IceFarm.WorkerAgent.Usb;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The simulated kernel's uevent stream: every listener gets every event from the moment it listens, in
/// emission order, unless a fault duplicates, reorders or drops some (hardware.md §8.5 #5).
/// </summary>
internal sealed class SimulatedUevents : IUeventSource
{
    private readonly Lock _gate = new();
    private readonly List<Channel<Uevent>> _listeners = [];
    private readonly Random _random = new(5);
    private Uevent? _held;
    private long _seqnum;

    /// <summary>Chance that an event is delivered twice.</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Chance that an event is held back and delivered after the next one.</summary>
    public double ReorderProbability { get; set; }

    /// <summary>Chance that an event is lost.</summary>
    public double DropProbability { get; set; }

    /// <summary>Every event emitted so far, as the kernel sent it (before faults), for tests.</summary>
    public List<Uevent> History { get; } = [];

    /// <inheritdoc />
    public async IAsyncEnumerable<Uevent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<Uevent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(channel);
        }

        try
        {
            await foreach (var uevent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return uevent;
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners.Remove(channel);
            }
        }
    }

    /// <summary>An event that needs no ordering with the board's others (an unknown device, a replayed add).</summary>
    public void Inject(Uevent uevent) => Deliver(uevent);

    /// <summary>Emits <paramref name="action"/>@<paramref name="devPath"/> with the given properties and the next SEQNUM.</summary>
    public void Emit(string action, string devPath, params (string Key, string Value)[] properties)
    {
        Dictionary<string, string> all;
        lock (_gate)
        {
            all = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            all["SEQNUM"] = (++_seqnum).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Deliver(new Uevent(action, devPath, all));
    }

    private void Deliver(Uevent uevent)
    {
        lock (_gate)
        {
            History.Add(uevent);
            if (History.Count > 10_000)
            {
                // A long-running simulated worker keeps only recent history.
                History.RemoveRange(0, 5_000);
            }

            if (_random.NextDouble() < DropProbability)
            {
                return;
            }

            if (_held is null && _random.NextDouble() < ReorderProbability)
            {
                _held = uevent;
                return;
            }

            Send(uevent);
            if (_random.NextDouble() < DuplicateProbability)
            {
                Send(uevent);
            }

            if (_held is { } held)
            {
                _held = null;
                Send(held);
            }
        }
    }

    private void Send(Uevent uevent)
    {
        foreach (var listener in _listeners)
        {
            listener.Writer.TryWrite(uevent);
        }
    }
}
