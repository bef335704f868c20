using IceFarm.Contracts;
using MassTransit;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>Publishes over MassTransit with the default topology (subscribers bind by message type).</summary>
/// <remarks>
/// Bounded by a timeout: MassTransit waits for the broker when the connection is down, and a board
/// actor must not stall behind it; the next heartbeat carries the state anyway.
/// </remarks>
internal sealed class BusEventPublisher(IBus bus, TimeProvider time) : IEventPublisher
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        using var timeout = new CancellationTokenSource(PublishTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await bus.Publish(message, linked.Token);
    }
}
