namespace IceFarm.Contracts.Workers;

/// <summary>Naming of the queues that carry commands to one worker.</summary>
public static class WorkerQueues
{
    /// <summary>The queue name a worker consumes its commands from.</summary>
    public static string For(string worker) => $"worker-{worker}";

    /// <summary>The temporary queue a worker process receives the service's answers on (one process per worker name).</summary>
    public static string ResponsesFor(string worker) => $"worker-{worker}-responses";

    /// <summary>The MassTransit short address of that queue.</summary>
    public static Uri AddressOf(string worker) => new($"queue:{For(worker)}");
}
