using IceFarm.Contracts;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>Publishes the worker's events; the board actors and the heartbeat depend on this, not on MassTransit.</summary>
internal interface IEventPublisher
{
    /// <summary>Publishes <paramref name="message"/> to whoever subscribes to its type.</summary>
    Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class, IMessage;
}
