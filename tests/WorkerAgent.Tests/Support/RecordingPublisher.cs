using System.Collections.Concurrent;
using IceFarm.Contracts;
using IceFarm.WorkerAgent.Bus;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>An event publisher that remembers what was published, in order.</summary>
internal sealed class RecordingPublisher : IEventPublisher
{
    private readonly ConcurrentQueue<IMessage> _published = new();

    /// <summary>Published messages, oldest first.</summary>
    public IReadOnlyList<IMessage> Published => [.. _published];

    /// <summary>Published messages of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> Of<T>() => [.. _published.OfType<T>()];

    /// <inheritdoc />
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        _published.Enqueue(message);
        return Task.CompletedTask;
    }
}
