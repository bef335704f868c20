using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>
/// A fake clock whose timers behave like System.Threading.Timer on a starved thread pool: a timer that is
/// already due when it is disposed still fires, because its callback was queued before the dispose. Each
/// <see cref="Advance"/> is one such stretch of starvation, deterministically.
/// </summary>
internal sealed class LateTimerClock : TimeProvider
{
    private DateTimeOffset _horizon;

    public FakeTimeProvider Fake { get; } = TestBoards.Clock();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>Moves the clock; every timer due by the end of the jump counts as already queued.</summary>
    public void Advance(TimeSpan delta)
    {
        _horizon = Fake.GetUtcNow() + delta;
        Fake.Advance(delta);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new LateTimer(this, Fake.CreateTimer(callback, state, dueTime, period), Fake.GetUtcNow() + dueTime);

    private sealed class LateTimer(LateTimerClock clock, ITimer inner, DateTimeOffset dueAt) : ITimer
    {
        private DateTimeOffset _dueAt = dueAt;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _dueAt = clock.GetUtcNow() + dueTime;
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            if (_dueAt > clock._horizon)
            {
                inner.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
