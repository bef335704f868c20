using System.Text;
using IceFarm.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IceFarm.Faults.Tests;

/// <summary>The private broker node the fault scenarios stop, kill and restart: it must behave like a real broker across them.</summary>
[Trait("Category", "Restarts")]
public sealed class PrivateRabbitNodeTests
{
    [Fact]
    public async Task A_durable_message_survives_stop_app_and_a_kill_and_the_node_refuses_connections_while_down()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = deadline.Token;
        await using var node = await PrivateRabbitNode.CreateAsync(ct);
        Assert.DoesNotContain("rabbit@", node.NodeName, StringComparison.Ordinal);
        var factory = new ConnectionFactory { Uri = node.AmqpUri };
        await PublishAsync(factory, "kept", ct);

        await node.StopAppAsync(ct);
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync(ct));
        await node.StartAppAsync(ct);
        Assert.Equal(1u, await MessageCountAsync(factory, ct));

        await node.KillAsync(ct);
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync(ct));
        await node.StartAsync(ct);
        Assert.Equal(1u, await MessageCountAsync(factory, ct));
    }

    private static async Task PublishAsync(ConnectionFactory factory, string body, CancellationToken ct)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), ct);
        await channel.QueueDeclareAsync("smoke", durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.BasicPublishAsync("", "smoke", true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body), ct);
    }

    private static async Task<uint> MessageCountAsync(ConnectionFactory factory, CancellationToken ct)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        return await channel.MessageCountAsync("smoke", ct);
    }
}
