using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IceFarm.Client.Evaluation;
using IceFarm.Client.Events;
using IceFarm.Client.Leases;
using IceFarm.Contracts.Http;

namespace IceFarm.Client;

/// <summary>
/// A granted reservation: its boards, their readiness, evaluation, and its events. It extends itself in the background
/// while the process lives (see <see cref="LeaseOptions.AutoExtend"/>); dispose it to end the reservation.
/// </summary>
public sealed partial class Lease : IAsyncDisposable
{
    private readonly FarmClient _client;
    private readonly EventSubscription _subscription;
    private readonly LeaseOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LeaseDevice> _devices;
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<EvaluationRun> _runs = [];
    private readonly OutcomeRouter _router = new();
    private readonly Channel<LeaseEvent> _events = Channel.CreateBounded<LeaseEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly AutoExtender _extender;
    private readonly Task _pump;
    private readonly Task _extending;
    private DateTimeOffset _expiresAt;
    private string? _endedReason;
    private int _ended;

    internal Lease(FarmClient client, ReservationResponse reservation, FarmEventStream events, LeaseOptions options, TimeSpan? extendBy)
    {
        _client = client;
        _options = options;
        _subscription = new EventSubscription(client, events, client.Options);
        Id = reservation.Id;
        Kind = reservation.Kind;
        _expiresAt = reservation.ExpiresAt;
        _devices = reservation.Devices.ToDictionary(d => d.Serial, d => new LeaseDevice(d.Serial, d.Worker, ParseState(d.State)), StringComparer.Ordinal);
        CheckAllReady();
        _extender = new AutoExtender(this, extendBy, client.Options.TimeProvider);
        _pump = Task.Run(() => PumpAsync(_stop.Token));
        _extending = options.AutoExtend ? Task.Run(() => _extender.RunAsync(_stop.Token)) : Task.CompletedTask;
    }

    /// <summary>The reservation's id.</summary>
    public Guid Id { get; }

    /// <summary>The reservation's kind.</summary>
    public string Kind { get; }

    /// <summary>When the lease ends unless extended (moves forward with every extension).</summary>
    public DateTimeOffset ExpiresAt
    {
        get { lock (_gate) { return _expiresAt; } }
    }

    /// <summary>The boards of the lease and their states as last seen.</summary>
    public IReadOnlyList<LeaseDevice> Devices
    {
        get { lock (_gate) { return [.. _devices.Values]; } }
    }

    /// <summary>Why the reservation ended (<c>expired</c>, <c>ended-by-client</c>, …); null while it is active.</summary>
    public string? EndedReason
    {
        get { lock (_gate) { return _endedReason; } }
    }

    /// <summary>
    /// The lease's events for those who want them: boards ready or failed, ending soon, worker draining, ended.
    /// Reading is optional; the newest 1,024 are kept. Completes when the lease is disposed.
    /// </summary>
    public ChannelReader<LeaseEvent> Events => _events.Reader;

    /// <summary>How many times the event stream was resumed after a drop (with <c>Last-Event-ID</c>, losing nothing).</summary>
    public int StreamResumes => _subscription.Resumes;

    /// <summary>Completes when every board is ready or out of the lease, and at least one is ready; throws <see cref="LeaseEndedException"/> when none can be.</summary>
    public Task WaitUntilReadyAsync(CancellationToken ct = default) => _allReady.Task.WaitAsync(ct);

    /// <summary>
    /// Evaluates <paramref name="bitstreams"/> and streams each result as it completes: on every board
    /// (<see cref="EvaluationMode.AllBoards"/>, bitstreams × boards results) or once each on whichever board is free
    /// (<see cref="EvaluationMode.AnyBoard"/>). Every evaluation ends in one result or one explicit failure, never a hang.
    /// </summary>
    /// <exception cref="ArgumentException">A bitstream is malformed (checked before anything is sent).</exception>
    public IAsyncEnumerable<EvaluationResult> EvaluateAsync(IEnumerable<Bitstream> bitstreams, EvaluationMode mode = EvaluationMode.AllBoards, EvaluationOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bitstreams);
        options ??= new EvaluationOptions();
        options.Validate();
        var list = bitstreams.ToList();
        list.ForEach(b => b.Validate());
        var devices = Devices.Where(d => d.State is DeviceState.Ready or DeviceState.Preparing && (options.Serials?.Contains(d.Serial) ?? true)).ToList();
        if (devices.Count == 0 && list.Count > 0)
        {
            throw new InvalidOperationException(EndedReason is { } reason ? $"Reservation {Id} has ended ({reason})." : $"Reservation {Id} has no usable board.");
        }

        var run = new EvaluationRun(this, _client, list, mode, options, devices);
        lock (_gate)
        {
            _runs.Add(run);
        }

        return Enumerate(run, ct);
    }

    /// <summary>Runs every bitstream on every board of the lease and streams each result as it completes.</summary>
    public IAsyncEnumerable<EvaluationResult> EvaluateAsync(IEnumerable<Bitstream> bitstreams, CancellationToken ct) =>
        EvaluateAsync(bitstreams, EvaluationMode.AllBoards, null, ct);

    /// <summary>Extends the lease to now plus <paramref name="duration"/> (the farm's default when null); never shortens it.</summary>
    public async Task<DateTimeOffset> ExtendAsync(TimeSpan? duration = null, CancellationToken ct = default)
    {
        var expiresAt = await _client.ExtendReservationAsync(Id, duration, ct);
        lock (_gate)
        {
            _expiresAt = expiresAt > _expiresAt ? expiresAt : _expiresAt;
            return _expiresAt;
        }
    }

    /// <summary>Releases one board; its queued evaluations fail. Releasing the last board ends the reservation.</summary>
    public async Task ReleaseAsync(string serial, CancellationToken ct = default)
    {
        await _client.ReleaseDeviceAsync(Id, serial, ct);
        MarkDevice(serial, DeviceState.Released);
        OnDeviceLost(serial, FailureCategory.Device, $"board {serial} was released");
    }

    /// <summary>Reflashes one board, keeping it and its queue; it is <see cref="DeviceState.Ready"/> again on its next <c>device-ready</c>.</summary>
    public async Task RebootAsync(string serial, CancellationToken ct = default)
    {
        MarkDevice(serial, DeviceState.Rebooting);
        await _client.RebootDeviceAsync(Id, serial, ct);
    }

    /// <summary>Ends the reservation now (once; later calls do nothing).</summary>
    public async Task EndAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        // Ending is what returns the boards, so a transient failure is retried (DELETE is idempotent).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.EndReservationAsync(Id, ct);
                return;
            }
            catch (FarmApiException ex) when (ex.Code == "reservation-ended" || ex.Status is 404 or 410)
            {
                return; // Already over (expired, or ended by an admin): nothing left to release.
            }
            catch (Exception ex) when (attempt < 4 && !ct.IsCancellationRequested
                && (ex is FarmApiException { Status: >= 500 } or HttpRequestException or TimeoutException))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _client.Options.TimeProvider, ct);
            }
            catch
            {
                Interlocked.Exchange(ref _ended, 0);
                throw;
            }
        }
    }

    /// <summary>Stops extending, ends the reservation (unless <see cref="LeaseOptions.EndOnDispose"/> is false) and closes the event stream.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_options.EndOnDispose)
            {
                using var deadline = new CancellationTokenSource(_client.Options.RequestTimeout);
                await EndAsync(deadline.Token);
            }
        }
        finally
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_pump, _extending).ContinueWith(static _ => { }, TaskScheduler.Default);
            await _subscription.DisposeAsync();
            _events.Writer.TryComplete();
            _stop.Dispose();
        }
    }

    internal void Register(EvaluationRun run, IEnumerable<Guid> ids) => _router.Register(run, ids);

    internal void Unregister(EvaluationRun run, IEnumerable<Guid> ids)
    {
        _router.Unregister(ids);
        lock (_gate)
        {
            _runs.Remove(run);
        }
    }

    internal void MarkDevice(string serial, DeviceState state)
    {
        lock (_gate)
        {
            // Released is final; a failed board may come back (its worker returned) with a device-ready.
            if (_devices.TryGetValue(serial, out var device) && device.State != DeviceState.Released
                && (device.State != DeviceState.Failed || state == DeviceState.Ready))
            {
                _devices[serial] = device with { State = state };
            }
        }

        CheckAllReady();
    }

    internal void OnEndedByFarm(string reason)
    {
        lock (_gate)
        {
            _endedReason ??= reason;
        }

        foreach (var serial in Devices.Select(d => d.Serial))
        {
            OnDeviceLost(serial, FailureCategory.Infrastructure, $"reservation {Id} ended ({reason})");
        }

        _allReady.TrySetException(new LeaseEndedException(Id, reason));
    }

    private async IAsyncEnumerable<EvaluationResult> Enumerate(EvaluationRun run, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var result in run.RunAsync(ct))
        {
            yield return result;
        }
    }

    private void OnDeviceLost(string serial, FailureCategory category, string reason)
    {
        EvaluationRun[] runs;
        lock (_gate)
        {
            runs = [.. _runs];
        }

        foreach (var run in runs)
        {
            run.OnDeviceLost(serial, category, reason);
        }
    }

    private void Publish(LeaseEvent leaseEvent) => _events.Writer.TryWrite(leaseEvent);

    private void CheckAllReady()
    {
        lock (_gate)
        {
            var states = _devices.Values.Select(d => d.State).ToList();
            if (states.Any(s => s == DeviceState.Ready) && states.All(s => s is DeviceState.Ready or DeviceState.Failed or DeviceState.Released))
            {
                _allReady.TrySetResult();
            }
            else if (states.All(s => s is DeviceState.Failed or DeviceState.Released))
            {
                _allReady.TrySetException(new LeaseEndedException(Id, _endedReason ?? "every board failed"));
            }
        }
    }

    private static DeviceState ParseState(string state) => state switch
    {
        "ready" => DeviceState.Ready,
        "failed" => DeviceState.Failed,
        "released" => DeviceState.Released,
        _ => DeviceState.Preparing,
    };
}
