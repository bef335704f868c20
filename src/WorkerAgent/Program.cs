namespace IceFarm.WorkerAgent;

/// <summary>Entry point of the worker agent.</summary>
internal static class Program
{
    /// <summary>Builds and runs the worker until it is stopped.</summary>
    public static Task Main(string[] args) => WorkerAgentApp.Build(args).RunAsync();
}
