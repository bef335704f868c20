using IceFarm.Contracts.Workers;

namespace IceFarm.ReservationService.Workers.Identity;

/// <summary>The decision on who may say what over the bus (docs/security.md): pure, over the message and its verified sender.</summary>
internal static class WorkerSenderCheck
{
    /// <summary>The broker user of a worker: the name of its command queue, so one pattern grants both (eng/broker-users.sh).</summary>
    public static string BrokerUserOf(string worker) => WorkerQueues.For(worker);

    /// <summary>
    /// Null if the message may be applied; otherwise why not. <paramref name="sender"/> is the broker-validated
    /// <c>user_id</c> (null when the publisher set none; RabbitMQ does not require one, so none proves nothing).
    /// </summary>
    public static string? Refusal(object message, string? sender)
    {
        if (message is IWorkerMessage report)
        {
            var expected = BrokerUserOf(report.Worker);
            return string.Equals(sender, expected, StringComparison.Ordinal)
                ? null
                : $"speaks for worker '{report.Worker}' but was sent by broker user '{sender ?? "(none stamped)"}', not '{expected}'";
        }

        // The services' own messages: a worker's user may not write to their exchanges, and checking here as well means a
        // broker permission set too wide still lets no worker act as the service or an operator.
        return sender is not null && sender.StartsWith(BrokerUserOf(""), StringComparison.Ordinal)
            ? $"is a service's message but was sent by the worker broker user '{sender}'"
            : null;
    }
}
