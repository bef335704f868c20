namespace IceFarm.WorkerAgent.Startup;

/// <summary>
/// Holds the worker's command consumers until the boards the service says are reserved have their prepare queued
/// (<see cref="AssignmentRecovery"/>), so a command left in the queue by the previous process runs after it, on a
/// board serving its reservation again, instead of failing on a board that just came up Available.
/// </summary>
internal sealed class CommandGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _open.Task.IsCompleted;

    public Task WaitAsync(CancellationToken ct) => _open.Task.WaitAsync(ct);

    public void Open() => _open.TrySetResult();
}
