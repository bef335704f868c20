using System.Threading.Channels;
using IceFarm.Contracts;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>
/// The board actors' publisher: queues events and returns at once, so a board's work never waits for the
/// broker. <see cref="QueuedEventPump"/> delivers them, one lane at a time in order.
/// </summary>
/// <remarks>
/// A board's events always take the same lane, so the service sees them in the order the board produced
/// them (a state change before the result that follows it); different boards' events go out in parallel,
/// so one broker confirm no longer holds up every board's result behind it.
/// REVIEW: events still queued when the process dies are lost; the heartbeat carries every board's
/// state, so the service converges anyway (ARCHITECTURE.md §11).
/// </remarks>
internal sealed class QueuedEventPublisher : IEventPublisher
{
    /// <summary>How many publishes can wait for their confirms at once (one per lane).</summary>
    public const int LaneCount = 16;

    private readonly Channel<Func<IEventPublisher, CancellationToken, Task>>[] _lanes = Enumerable.Range(0, LaneCount)
        .Select(_ => Channel.CreateUnbounded<Func<IEventPublisher, CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true }))
        .ToArray();

    /// <summary>The queued publications of each lane, oldest first.</summary>
    public IReadOnlyList<ChannelReader<Func<IEventPublisher, CancellationToken, Task>>> Lanes => [.. _lanes.Select(l => l.Reader)];

    /// <inheritdoc />
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        // Captured as a closure so the message keeps its static type, which MassTransit routes by.
        _lanes[LaneOf(message)].Writer.TryWrite((publisher, ct) => publisher.PublishAsync(message, ct));
        return Task.CompletedTask;
    }

    /// <summary>The lane of <paramref name="message"/>: its board's, or lane 0 for events about no board.</summary>
    internal static int LaneOf(IMessage message)
    {
        var serial = message switch
        {
            DeviceStateChanged m => m.Serial,
            DeviceInitialized m => m.Serial,
            EvaluationCompleted m => m.Serial,
            EvaluationFailed m => m.Serial,
            _ => null,
        };
        return serial is null ? 0 : (int)((uint)StringComparer.Ordinal.GetHashCode(serial) % LaneCount);
    }
}
