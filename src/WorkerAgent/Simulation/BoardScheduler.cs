namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The simulated board's timers: every step runs under the board's lock, at its scheduled instant, and
/// only if the board has not re-enumerated since it was scheduled.
/// </summary>
internal sealed class BoardScheduler(Lock gate, TimeProvider time)
{
    private DateTimeOffset? _eventTime;
    private int _epoch;

    /// <summary>The scheduled instant of the step running now, otherwise the clock's time.</summary>
    public DateTimeOffset Now => _eventTime ?? time.GetUtcNow();

    /// <summary>Voids every pending step (the board left the bus); call under the lock.</summary>
    public void CancelAll() => _epoch++;

    /// <summary>Runs <paramref name="action"/> once after <paramref name="due"/>.</summary>
    public ITimer Schedule(TimeSpan due, Action action) => Create(due, Timeout.InfiniteTimeSpan, action);

    /// <summary>Runs <paramref name="action"/> every <paramref name="period"/>.</summary>
    public ITimer SchedulePeriodic(TimeSpan period, Action action) => Create(period, period, action);

    private ITimer Create(TimeSpan due, TimeSpan period, Action action)
    {
        var epoch = _epoch;
        var dueAt = Now + Max(due, TimeSpan.Zero);

        // Inside a step, a due time already reached may fire at once (a fake clock runs it after the
        // current callback); from a host call it must not fire before this method returns.
        var soonest = _eventTime is null ? TimeSpan.FromTicks(1) : TimeSpan.Zero;
        return time.CreateTimer(
            _ =>
            {
                lock (gate)
                {
                    if (epoch != _epoch)
                    {
                        return;
                    }

                    // The step runs "at" its scheduled instant even if the clock already moved on (a
                    // fake clock advanced in one jump, a late thread-pool timer), so chained steps and
                    // printed durations keep the profile's timing exactly.
                    _eventTime = dueAt;
                    try
                    {
                        action();
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
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
