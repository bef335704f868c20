namespace IceFarm.Faults.Tests;

/// <summary>
/// One farm of processes for the fast scenarios, started once: their faults (a service killed and restarted) leave it
/// whole, and each scenario first waits until every board is free again. Starting a broker node, a database and three
/// processes per scenario would take most of the fast suite's time.
/// </summary>
public sealed class SharedFarm : IAsyncLifetime
{
    internal ProcessFarm Farm { get; private set; } = null!;

    internal FaultSuiteOptions Options { get; } = FaultSuiteOptions.FromEnvironment(defaultEvaluations: 400);

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Farm = await ProcessFarm.StartAsync(Options.Boards, deadline.Token);
    }

    public async Task DisposeAsync()
    {
        if (Farm is not null)
        {
            await Farm.DisposeAsync();
        }
    }
}
