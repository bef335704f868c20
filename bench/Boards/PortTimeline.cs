using System.Collections.Concurrent;

namespace IceFarm.Bench.Boards;

/// <summary>The marks every tapped port recorded, on the wall clock the worker stamps its results with.</summary>
internal sealed class PortTimeline
{
    private readonly ConcurrentQueue<(DateTimeOffset At, string Port, PortMark Mark)> _marks = new();

    public void Add(string port, PortMark mark) => _marks.Enqueue((TimeProvider.System.GetUtcNow(), port, mark));

    /// <summary>The last <paramref name="mark"/> at or before <paramref name="before"/> and after <paramref name="after"/>, if any.</summary>
    public DateTimeOffset? Last(PortMark mark, DateTimeOffset after, DateTimeOffset before) =>
        _marks.Where(m => m.Mark == mark && m.At > after && m.At <= before).Select(m => (DateTimeOffset?)m.At).LastOrDefault();

    /// <summary>How many times <paramref name="mark"/> was recorded.</summary>
    public int Count(PortMark mark) => _marks.Count(m => m.Mark == mark);

    /// <summary>Milliseconds from each bitstream's first byte (after <paramref name="since"/>) to its last write returning, per port, sorted.</summary>
    public List<double> WriteDurations(DateTimeOffset since)
    {
        var durations = new List<double>();
        foreach (var port in _marks.Where(m => m.At > since).GroupBy(m => m.Port))
        {
            DateTimeOffset? first = null;
            foreach (var (at, _, mark) in port)
            {
                if (mark == PortMark.FirstByteWritten)
                {
                    first = at;
                }
                else if (mark == PortMark.LastByteWritten && first is { } start)
                {
                    durations.Add((at - start).TotalMilliseconds);
                    first = null;
                }
            }
        }

        durations.Sort();
        return durations;
    }
}
