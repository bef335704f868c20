namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The simulated board's timers: every step runs under the board's lock, at its scheduled instant, and
/// only if it was not cancelled and the board has not re-enumerated (or been shut down) since it was scheduled.
/// </summary>
/// <remarks>
/// The scheduler keeps every pending timer referenced: a timer nobody references may be collected before
/// it fires (System.Threading.Timer and FakeTimeProvider's timers both behave so), which would silently
/// lose a board's next step under GC pressure.
/// Disposing a System.Threading.Timer does not stop a callback the thread pool already queued: under load
/// a cancelled firmware step (the transfer watchdog after the transfer completed, or the other way round)
/// would still run. Each step therefore carries its own cancelled flag, checked under the lock; the real
/// firmware is one loop and never takes both branches.
/// </remarks>
internal sealed class BoardScheduler(Lock gate, TimeProvider time, Action<Exception> onError)
{
    private readonly Lock _gate = gate;
    private readonly HashSet<Step> _pending = [];
    private DateTimeOffset? _eventTime;
    private int _epoch;
    private bool _stopped;

    /// <summary>The scheduled instant of the step running now, otherwise the clock's time.</summary>
    public DateTimeOffset Now => _eventTime ?? time.GetUtcNow();

    /// <summary>Voids every pending step (the board left the bus); call under the lock.</summary>
    public void CancelAll()
    {
        _epoch++;
        foreach (var step in _pending)
        {
            step.Cancelled = true;
            step.Timer?.Dispose();
        }

        _pending.Clear();
    }

    /// <summary>Voids every pending step and refuses new ones: the simulation is over (the worker stopped).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            CancelAll();
        }
    }

    /// <summary>Runs <paramref name="action"/> once after <paramref name="due"/>.</summary>
    public ITimer Schedule(TimeSpan due, Action action) => Create(due, Timeout.InfiniteTimeSpan, action);

    /// <summary>Runs <paramref name="action"/> every <paramref name="period"/> until the returned timer is disposed.</summary>
    public ITimer SchedulePeriodic(TimeSpan period, Action action) => Create(period, period, action);

    private Step Create(TimeSpan due, TimeSpan period, Action action)
    {
        var step = new Step(this);
        if (_stopped)
        {
            step.Cancelled = true;
            return step;
        }

        var epoch = _epoch;
        var dueAt = Now + Max(due, TimeSpan.Zero);

        // Inside a step, a due time already reached may fire at once (a fake clock runs it after the
        // current callback); from a host call it must not fire before this method returns.
        var soonest = _eventTime is null ? TimeSpan.FromTicks(1) : TimeSpan.Zero;
        step.Timer = time.CreateTimer(
            _ =>
            {
                lock (_gate)
                {
                    if (epoch != _epoch || step.Cancelled)
                    {
                        return;
                    }

                    if (period == Timeout.InfiniteTimeSpan)
                    {
                        step.Cancelled = true;
                        _pending.Remove(step);
                    }

                    // The step runs "at" its scheduled instant even if the clock already moved on (a
                    // fake clock advanced in one jump, a late thread-pool timer), so chained steps and
                    // printed durations keep the profile's timing exactly.
                    _eventTime = dueAt;
                    try
                    {
                        action();
                    }
                    catch (Exception ex)
                    {
                        // A timer callback that throws ends the process; a broken simulated step is reported instead.
                        onError(ex);
                    }
                    finally
                    {
                        _eventTime = null;
                        dueAt += period;
                    }
                }
            },
            null,
            Max(dueAt - time.GetUtcNow(), soonest),
            period);
        _pending.Add(step);
        return step;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A scheduled step; disposing it cancels it, even if its callback is already queued.</summary>
    private sealed class Step(BoardScheduler owner) : ITimer
    {
        public ITimer? Timer { get; set; }

        /// <summary>Read and written under the board's lock.</summary>
        public bool Cancelled { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Timer?.Change(dueTime, period) ?? false;

        public void Dispose()
        {
            lock (owner._gate)
            {
                Cancelled = true;
                owner._pending.Remove(this);
            }

            Timer?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
