namespace IceFarm.ReservationService.Workers.Identity;

/// <summary>Whether the service believes a worker's report only from that worker's broker user (section <c>WorkerIdentity</c>).</summary>
internal sealed class WorkerIdentityOptions
{
    public const string Section = "WorkerIdentity";

    /// <summary>
    /// On (the default): a report (heartbeat, board state, result…) is applied only if RabbitMQ vouches that its sender
    /// is the broker user <c>worker-{name}</c> of the worker it speaks for, and a message from a worker's user that is not
    /// one of its reports is dropped. Off only where every process shares one broker user (a developer's machine, tests).
    /// </summary>
    public bool Required { get; set; } = true;
}
