using System.Collections.Concurrent;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;

namespace IceFarm.Bench.Boards;

/// <summary>What the bench's observer endpoint received from the worker, stamped on arrival, with a wait that has a deadline.</summary>
internal sealed class OutcomeLog : IDisposable
{
    private readonly ConcurrentDictionary<Guid, ObservedOutcome> _outcomes = new();
    private readonly ConcurrentDictionary<Guid, DeviceInitialized> _initialized = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public int Count => _outcomes.Count;

    public ObservedOutcome? Find(Guid evaluationId) => _outcomes.GetValueOrDefault(evaluationId);

    public bool Initialized(Guid reservationId, string serial) =>
        _initialized.Values.Any(d => d.ReservationId == reservationId && d.Serial == serial);

    public void Record(EvaluationCompleted completed)
    {
        _outcomes.TryAdd(completed.EvaluationId, new ObservedOutcome(completed.EvaluationId, completed, null, TimeProvider.System.GetUtcNow()));
        _arrived.Release();
    }

    public void Record(EvaluationFailed failed)
    {
        _outcomes.TryAdd(failed.EvaluationId, new ObservedOutcome(failed.EvaluationId, null, failed, TimeProvider.System.GetUtcNow()));
        _arrived.Release();
    }

    public void Record(DeviceInitialized initialized)
    {
        _initialized.TryAdd(Guid.NewGuid(), initialized);
        _arrived.Release();
    }

    /// <summary>Waits, woken by each arrival, until <paramref name="done"/> holds; throws after <paramref name="timeout"/>.</summary>
    public async Task UntilAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (!done())
            {
                await _arrived.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {timeout} waiting for {what} ({Count} evaluation outcomes so far).");
        }
    }

    public void Dispose() => _arrived.Dispose();
}
