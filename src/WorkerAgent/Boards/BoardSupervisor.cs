using System.Threading.Channels;
using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Keeps one actor per board serial in step with USB: a first scan at start, then a rescan on every uevent
/// and at least every second. New serials get an actor; a serial missing for longer than
/// <see cref="BoardOptions.OfflineAfter"/> goes Offline (a flash's re-enumeration is shorter); a serial that
/// comes back, on any port, is rediscovered; Broken boards are retried every <see cref="BoardOptions.BrokenRetryInterval"/>.
/// </summary>
internal sealed class BoardSupervisor(
    BoardHardware hardware,
    BoardRegistry registry,
    BoardActorServices services,
    IOptions<BoardOptions> options,
    TimeProvider time,
    ILogger<BoardSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRescanInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly BrokenReplugs _brokenReplugs = new();
    // A channel rather than a semaphore: its waits resume on the loop's own scheduler with no hop through the
    // thread pool, which is what lets a test's fake-clock pump see the supervisor busy (SemaphoreSlim does hop).
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _reconciling = new(1, 1);
    private readonly TaskCompletionSource _firstScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _warnedEmpty;
    private long _reconciled;

    /// <summary>Completes once the first USB scan has been applied: every board then present has its actor.</summary>
    public Task FirstScan => _firstScan.Task;

    /// <summary>How many scans have been applied so far; lets tests wait for a scan that began after a change.</summary>
    public long Reconciled => Interlocked.Read(ref _reconciled);

    /// <summary>Drops the board's actor and state; the next scan finds it as if it had just been plugged in.</summary>
    public async Task ForgetAsync(string serial, string requestedBy, CancellationToken cancellationToken)
    {
        await _reconciling.WaitAsync(cancellationToken);
        try
        {
            if (registry.Remove(serial) is { } actor)
            {
                logger.LogInformation("Forgetting board {Serial} (asked by {By}); it will be rediscovered", serial, requestedBy);
                await actor.DisposeAsync();
                _lastSeen.Remove(serial);
            }
        }
        finally
        {
            _reconciling.Release();
        }

        Poke();
    }

    /// <inheritdoc />
    // The loop runs on the actors' scheduler so a test that counts actor work counts the supervisor's too.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Factory.StartNew(
        () => SuperviseAsync(stoppingToken), CancellationToken.None, TaskCreationOptions.DenyChildAttach, services.Scheduler).Unwrap();

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReconcileAsync(stoppingToken);

            // Woken by a uevent, or after the interval that bounds how late an Offline or a retry can be.
            using var interval = new CancellationTokenSource(Min(MaxRescanInterval, options.Value.OfflineAfter / 2), time);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
            try
            {
                if (!await _changed.Reader.WaitToReadAsync(wake.Token))
                {
                    break; // Disposed.
                }

                _changed.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The interval passed without a uevent: rescan anyway.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await listening;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var actor in registry.RemoveAll())
        {
            await actor.DisposeAsync();
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var uevent in hardware.Uevents.ListenAsync(stoppingToken))
            {
                if (uevent.ConcernsBoards)
                {
                    logger.LogDebug("uevent {Uevent}", uevent);
                    Poke();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // Rescans still run every second; hot-plug is only noticed later.
            logger.LogWarning(ex, "Hot-plug events stopped; boards are now found by periodic rescans only");
        }
    }

    // A full channel already holds a wake-up: the rescan it causes covers this change too.
    private void Poke() => _changed.Writer.TryWrite(true);

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<DiscoveredBoard> boards;
        try
        {
            boards = await hardware.Discovery.ScanAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "USB scan failed; trying again");
            return;
        }

        await _reconciling.WaitAsync(stoppingToken);
        try
        {
            Apply(boards);
            Interlocked.Increment(ref _reconciled);
            _firstScan.TrySetResult();
        }
        finally
        {
            _reconciling.Release();
        }
    }

    private void Apply(IReadOnlyList<DiscoveredBoard> boards)
    {
        var now = time.GetUtcNow();
        WarnIfEmpty(boards);
        var replugged = _brokenReplugs.Observe(boards, registry.All);
        foreach (var board in boards)
        {
            _lastSeen[board.Serial] = now;
            if (registry.Find(board.Serial) is not { } actor)
            {
                actor = new BoardActor(board.Serial, board.PortName, services);
                if (registry.TryAdd(actor))
                {
                    logger.LogInformation("Found board {Serial} as {Identity} at {BusId}", board.Serial, board.Identity, board.BusId);
                    actor.Start();
                }
            }
            else if (actor.IsUnplugged)
            {
                logger.LogInformation("Board {Serial} is back on USB at {BusId}", board.Serial, board.BusId);
                actor.NotifyReplugged(board.BusId);
            }
        }

        foreach (var actor in registry.All)
        {
            var missing = now - _lastSeen.GetValueOrDefault(actor.Serial, now);
            if (missing > options.Value.OfflineAfter && !actor.IsUnplugged)
            {
                actor.NotifyUnplugged($"not on USB for {missing.TotalSeconds:0.#} s (unplugged, or it never re-enumerated)");
            }

            var again = replugged.Contains(actor.Serial);
            if (actor.RetryIfBroken(now, options.Value.BrokenRetryInterval, again))
            {
                logger.LogInformation("Retrying broken board {Serial}{Why}", actor.Serial, again ? " (it re-enumerated: replugged or reset)" : "");
            }

            if (actor.CheckHealthIfDue(now))
            {
                logger.LogInformation("Board {Serial} is idle and its health check is due; checking it", actor.Serial);
            }
        }
    }

    private void WarnIfEmpty(IReadOnlyList<DiscoveredBoard> boards)
    {
        if (boards.Count == 0 && registry.All.Count == 0 && !_warnedEmpty)
        {
            _warnedEmpty = true;
            logger.LogWarning("No pico2-ice boards found on USB; see docs/boards.md (udev rules, cables, ModemManager)");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <inheritdoc />
    public override void Dispose()
    {
        _changed.Writer.TryComplete();
        _reconciling.Dispose();
        base.Dispose();
    }
}
