namespace IceFarm.WorkerAgent.Startup;

/// <summary>This process's identity, new on every start: it tells the service that the worker restarted.</summary>
internal sealed class WorkerInstance
{
    public Guid Id { get; } = Guid.NewGuid();
}
