using System.Runtime.CompilerServices;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Leases;

namespace IceFarm.Client;

/// <summary>The lease's evaluation runs: starting them, routing results to them, telling them about lost boards.</summary>
public sealed partial class Lease
{
    private readonly List<EvaluationRun> _runs = [];
    private readonly OutcomeRouter _router = new();

    /// <summary>
    /// Evaluates <paramref name="bitstreams"/> and streams each result as it completes: on every board
    /// (<see cref="EvaluationMode.AllBoards"/>, bitstreams × boards results) or once each on whichever board is free
    /// (<see cref="EvaluationMode.AnyBoard"/>). Every evaluation ends in one result or one explicit failure, never a hang:
    /// when the lease ends (ended by the caller, expired, drained, ended by an admin, every board released) whatever was
    /// not evaluated yet fails (<see cref="FailureCategory.User"/> when the caller ended it or let it expire,
    /// <see cref="FailureCategory.Infrastructure"/> otherwise) and the enumeration completes. On a lease that has already
    /// ended, every evaluation fails at once the same way.
    /// </summary>
    /// <exception cref="ArgumentException">A bitstream is malformed (checked before anything is sent).</exception>
    /// <exception cref="InvalidOperationException">The lease is active but has no board that can evaluate (all failed or released, or <see cref="EvaluationOptions.Serials"/> names none of them).</exception>
    public IAsyncEnumerable<EvaluationResult> EvaluateAsync(IEnumerable<Bitstream> bitstreams, EvaluationMode mode = EvaluationMode.AllBoards, EvaluationOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bitstreams);
        options ??= new EvaluationOptions();
        options.Validate();
        var list = bitstreams.ToList();
        list.ForEach(b => b.Validate());
        var ended = EndedReason;
        var devices = Devices
            .Where(d => (options.Serials?.Contains(d.Serial) ?? true) && (ended is not null || d.State is DeviceState.Ready or DeviceState.Preparing))
            .ToList();
        if (devices.Count == 0 && list.Count > 0)
        {
            throw new InvalidOperationException($"Reservation {Id} has no usable board.");
        }

        var run = new EvaluationRun(this, _client, list, mode, options, devices);
        lock (_gate)
        {
            // Either the run is registered before the lease ends (and hears of it), or it sees the end here.
            if (_endedReason is null)
            {
                _runs.Add(run);
            }
            else
            {
                ended = _endedReason;
            }
        }

        if (ended is not null)
        {
            devices.ForEach(d => run.OnDeviceLost(d.Serial, CategoryOfEnd(ended), EndedText(ended)));
        }

        return Enumerate(run, ct);
    }

    /// <summary>Runs every bitstream on every board of the lease and streams each result as it completes.</summary>
    public IAsyncEnumerable<EvaluationResult> EvaluateAsync(IEnumerable<Bitstream> bitstreams, CancellationToken ct) =>
        EvaluateAsync(bitstreams, EvaluationMode.AllBoards, null, ct);

    internal void Register(EvaluationRun run, IEnumerable<Guid> ids) => _router.Register(run, ids);

    internal void Unregister(EvaluationRun run, IEnumerable<Guid> ids)
    {
        _router.Unregister(ids);
        lock (_gate)
        {
            _runs.Remove(run);
        }
    }

    private async IAsyncEnumerable<EvaluationResult> Enumerate(EvaluationRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var result in run.RunAsync(ct))
        {
            yield return result;
        }
    }

    private EvaluationRun[] Runs()
    {
        lock (_gate)
        {
            return [.. _runs];
        }
    }

    private void OnDeviceReady(string serial)
    {
        foreach (var run in Runs())
        {
            run.OnDeviceReady(serial);
        }
    }

    private void OnDeviceAdded(string serial)
    {
        foreach (var run in Runs())
        {
            run.OnDeviceAdded(serial);
        }
    }

    private void OnDeviceRecovering(string serial)
    {
        foreach (var run in Runs())
        {
            run.OnDeviceRecovering(serial);
        }
    }

    private void OnDeviceLost(string serial, FailureCategory category, string reason)
    {
        foreach (var run in Runs())
        {
            run.OnDeviceLost(serial, category, reason);
        }
    }
}
