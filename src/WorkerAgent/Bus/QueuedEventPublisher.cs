using System.Threading.Channels;
using IceFarm.Contracts;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>
/// The board actors' publisher: queues events in order and returns at once, so a board's work never
/// waits for the broker. <see cref="QueuedEventPump"/> delivers them.
/// </summary>
/// <remarks>
/// REVIEW: events still queued when the process dies are lost; the heartbeat carries every board's
/// state, so the service converges anyway (ARCHITECTURE.md §11).
/// </remarks>
internal sealed class QueuedEventPublisher : IEventPublisher
{
    private readonly Channel<Func<IEventPublisher, CancellationToken, Task>> _queue =
        Channel.CreateUnbounded<Func<IEventPublisher, CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The queued publications, oldest first.</summary>
    public ChannelReader<Func<IEventPublisher, CancellationToken, Task>> Pending => _queue.Reader;

    /// <inheritdoc />
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        // Captured as a closure so the message keeps its static type, which MassTransit routes by.
        _queue.Writer.TryWrite((publisher, ct) => publisher.PublishAsync(message, ct));
        return Task.CompletedTask;
    }
}
