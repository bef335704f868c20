namespace IceFarm.WorkerAgent.Draining;

/// <summary>Whether this worker is draining, and the signal that the ReservationService finished its drain.</summary>
internal sealed class DrainState
{
    private readonly TaskCompletionSource<DateTimeOffset> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    /// <summary>True once the worker asked to be drained; heartbeats carry it.</summary>
    public bool Draining => _draining;

    /// <summary>Completes with the service's time when <c>WorkerDrained</c> for this worker arrived.</summary>
    public Task<DateTimeOffset> Drained => _drained.Task;

    /// <summary>The drain started.</summary>
    public void Start() => _draining = true;

    /// <summary>The service reports no lease holds a board of this worker any more.</summary>
    public void MarkDrained(DateTimeOffset at) => _drained.TrySetResult(at);
}
