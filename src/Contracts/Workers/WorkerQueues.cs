namespace IceFarm.Contracts.Workers;

/// <summary>Naming of the queues that carry commands to one worker.</summary>
public static class WorkerQueues
{
    /// <summary>The queue name a worker consumes its commands from.</summary>
    public static string For(string worker) => $"worker-{worker}";

    /// <summary>The MassTransit short address of that queue.</summary>
    public static Uri AddressOf(string worker) => new($"queue:{For(worker)}");
}
