using MassTransit;

namespace IceFarm.Broker;

/// <summary>
/// The sender of a message as the broker vouches for it: RabbitMQ refuses a message whose <c>user_id</c> property is not
/// the user of the connection that published it (unless that user is an impersonator), so a stamped <c>user_id</c> is a
/// verified identity. Workers stamp theirs; the service checks it against the worker a message speaks for.
/// </summary>
internal static class BrokerSender
{
    /// <summary>Stamps <paramref name="user"/> (the connection's own user) on everything this bus sends or publishes.</summary>
    public static void StampSender(this IRabbitMqBusFactoryConfigurator bus, string user)
    {
        bus.ConfigureSend(send => send.UseExecute(context => Stamp(context, user)));
        bus.ConfigurePublish(publish => publish.UseExecute(context => Stamp(context, user)));
    }

    /// <summary>The broker-validated user that published the message being received; null if the sender set none.</summary>
    public static string? Of(ReceiveContext context) =>
        context.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) ? delivery.Properties.UserId : null;

    private static void Stamp(SendContext context, string user)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
        {
            rabbit.BasicProperties.UserId = user;
        }
    }
}
