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
/// <remarks>
/// The class is split by concern: evaluation runs in <c>Lease.Evaluation.cs</c>, the event stream in
/// <c>Lease.Stream.cs</c>, ending and disposal in <c>Lease.Ending.cs</c>.
/// </remarks>
public sealed partial class Lease : IAsyncDisposable
{
    private readonly FarmClient _client;
    private readonly EventSubscription _subscription;
    private readonly LeaseOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LeaseDevice> _devices;
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<LeaseEvent> _events = Channel.CreateBounded<LeaseEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly AutoExtender _extender;
    private readonly Task _pump;
    private readonly Task _extending;
    private readonly Task _keepingAlive;
    private DateTimeOffset _expiresAt;
    private DateTimeOffset? _renewedAt;

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
        KeepAlive = reservation.KeepAlive is { } ttl ? System.Xml.XmlConvert.ToTimeSpan(ttl) : null;
        _renewedAt = reservation.RenewedAt;
        _pump = Task.Run(() => PumpAsync(_stop.Token));
        _extending = options.AutoExtend ? Task.Run(() => _extender.RunAsync(_stop.Token)) : Task.CompletedTask;
        _keepingAlive = options.AutoExtend && KeepAlive is { } keepAlive
            ? Task.Run(() => new KeepAliveLoop(this, keepAlive, client.Options.TimeProvider).RunAsync(_stop.Token))
            : Task.CompletedTask;
    }

    /// <summary>The reservation's keepalive TTL (null when it has none): without a renewal for this long, the farm ends it.</summary>
    public TimeSpan? KeepAlive { get; }

    /// <summary>When the keepalive was last renewed as the farm confirmed it (null without keepalive).</summary>
    public DateTimeOffset? RenewedAt
    {
        get { lock (_gate) { return _renewedAt; } }
    }

    /// <summary>Renews the keepalive now (the lease does so by itself while <see cref="LeaseOptions.AutoExtend"/> is on).</summary>
    public Task RenewKeepAliveAsync(CancellationToken ct = default) => RenewKeepAliveAsync(_client.Options.RequestTimeout, ct);

    internal async Task RenewKeepAliveAsync(TimeSpan timeout, CancellationToken ct)
    {
        var answer = await _client.RenewKeepAliveAsync(Id, timeout, ct);
        lock (_gate)
        {
            _renewedAt = answer.RenewedAt > _renewedAt || _renewedAt is null ? answer.RenewedAt : _renewedAt;
        }
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

    /// <summary>The boards of the lease and their states as last seen (all <see cref="DeviceState.Released"/> once it ended).</summary>
    public IReadOnlyList<LeaseDevice> Devices
    {
        get { lock (_gate) { return [.. _devices.Values]; } }
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

    /// <summary>Reflashes one board, keeping it and its queue; it is <see cref="DeviceState.Ready"/> again on its next <c>device-ready</c> or the next value it delivers to a run.</summary>
    public async Task RebootAsync(string serial, CancellationToken ct = default)
    {
        MarkDevice(serial, DeviceState.Rebooting);
        await _client.RebootDeviceAsync(Id, serial, ct);
    }

    internal void MarkDevice(string serial, DeviceState state)
    {
        lock (_gate)
        {
            // Released is final; a failed board may come back (its worker returned) with a device-ready.
            if (_devices.TryGetValue(serial, out var device) && device.State != DeviceState.Released
                && (device.State != DeviceState.Failed || state is DeviceState.Ready or DeviceState.Released))
            {
                _devices[serial] = device with { State = state };
            }
        }

        CheckAllReady();
    }

    /// <summary>A replacement board joined the reservation; it is being prepared.</summary>
    private void AddDevice(string serial, string worker)
    {
        lock (_gate)
        {
            _devices.TryAdd(serial, new LeaseDevice(serial, worker, DeviceState.Preparing));
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
