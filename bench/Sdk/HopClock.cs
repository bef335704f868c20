using System.Collections.Concurrent;
using System.Diagnostics;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// The per-evaluation timestamps of one run, shared by the SDK's handler and the bus observers of the service and the
/// worker (all in this process, so one clock), plus what crossed the bus and in how many HTTP requests.
/// </summary>
internal sealed class HopClock
{
    private readonly ConcurrentDictionary<Guid, HopTimes> _times = new();
    private long _commandBytes;
    private long _commands;
    private long _resultBytes;
    private long _results;
    private long _posts;
    private long _postBytes;

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>False for a clean run: the observers and the upload handler then stamp and parse nothing.</summary>
    public bool Recording { get; set; } = true;

    public HopTimes this[Guid evaluationId] => _times.GetOrAdd(evaluationId, static _ => new HopTimes());

    public IReadOnlyDictionary<Guid, HopTimes> All => _times;

    /// <summary>Mean size of one <c>EvaluateBitstream</c> as serialised on the bus.</summary>
    public double CommandBytes => _commands == 0 ? 0 : (double)Interlocked.Read(ref _commandBytes) / Interlocked.Read(ref _commands);

    public double ResultBytes => _results == 0 ? 0 : (double)Interlocked.Read(ref _resultBytes) / Interlocked.Read(ref _results);

    public long Posts => Interlocked.Read(ref _posts);

    public long PostBytes => Interlocked.Read(ref _postBytes);

    public void CountCommand(long? bytes) => Count(ref _commands, ref _commandBytes, bytes);

    public void CountResult(long? bytes) => Count(ref _results, ref _resultBytes, bytes);

    public void CountPost(long? bytes) => Count(ref _posts, ref _postBytes, bytes);

    public void Reset()
    {
        _times.Clear();
        Interlocked.Exchange(ref _commandBytes, 0);
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _resultBytes, 0);
        Interlocked.Exchange(ref _results, 0);
        Interlocked.Exchange(ref _posts, 0);
        Interlocked.Exchange(ref _postBytes, 0);
    }

    private static void Count(ref long count, ref long total, long? bytes)
    {
        Interlocked.Increment(ref count);
        Interlocked.Add(ref total, bytes ?? 0);
    }
}
