namespace IceFarm.Faults.Tests;

/// <summary>
/// One fault injected into a running load: what to do to the farm a few seconds into the run, and what the run must
/// still deliver (issue 13's table, column "what it should get").
/// </summary>
/// <param name="Name">Short id (used by <c>ICEFARM_FAULTS_ONLY</c> and the xunit theories).</param>
/// <param name="Fault">The table's first column.</param>
/// <param name="InjectAsync">The fault itself; it returns once the fault is over (the process restarted, the broker back).</param>
/// <param name="AllowedFailures">Failure categories the run may report (e.g. <c>device</c> for a board that hangs); none by default.</param>
/// <param name="ClientDies">The fault kills the client: results stop, only the boards' return is checked.</param>
/// <param name="AfterClientAsync">Runs once the client ended, before the boards' return is timed (e.g. restart the drained worker).</param>
/// <param name="PrivateDatabase">The fault restarts PostgreSQL: the farm gets a cluster of its own.</param>
/// <param name="AfterRunAsync">Checks after the client ended (e.g. the restarted worker is reservable); adds violations.</param>
internal sealed record FaultScenario(
    string Name,
    string Fault,
    Func<ScenarioContext, CancellationToken, Task>? InjectAsync,
    IReadOnlySet<string>? AllowedFailures = null,
    bool ClientDies = false,
    Func<ScenarioContext, CancellationToken, Task>? AfterClientAsync = null,
    Func<ScenarioContext, FaultRow, CancellationToken, Task>? AfterRunAsync = null,
    bool PrivateDatabase = false)
{
    public override string ToString() => Name;
}
