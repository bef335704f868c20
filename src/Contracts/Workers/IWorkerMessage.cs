namespace IceFarm.Contracts.Workers;

/// <summary>
/// A message a worker sends about itself or its boards. The service believes it only from that worker: the broker
/// stamps the sender's user on it (RabbitMQ's validated <c>user_id</c>), and the service refuses one whose
/// <see cref="Worker"/> is not the worker of that user.
/// </summary>
public interface IWorkerMessage
{
    /// <summary>The worker the message speaks for (its broker user is <c>worker-{name}</c>).</summary>
    string Worker { get; }
}
