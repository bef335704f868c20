using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Metrics;

/// <summary>This worker's meter: boards per state, evaluations in flight, evaluation and flash durations.</summary>
internal sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "IceFarm.WorkerAgent";
    private readonly Meter _meter;
    private readonly Histogram<double> _evaluation;
    private readonly Histogram<double> _flash;
    private readonly ConcurrentDictionary<Guid, long> _inFlight = new();
    private readonly TimeProvider _time;

    public WorkerMetrics(IMeterFactory meters, BoardRegistry boards, TimeProvider time)
    {
        _time = time;
        _meter = meters.Create(MeterName);
        _evaluation = _meter.CreateHistogram("icefarm.worker.evaluation.duration", "s", "From a bitstream's arrival on this worker to its result or failure",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 1.25, 1.5, 2, 3, 5, 10, 30, 60] });
        _flash = _meter.CreateHistogram("icefarm.worker.flash.duration", "s", "One firmware flash: touch, BOOTSEL, UF2 write, re-enumeration",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60] });
        _meter.CreateObservableGauge("icefarm.worker.boards", () => boards.All.GroupBy(b => b.Summary.State)
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("state", g.Key.ToString()))), "{board}", "This worker's boards per state");
        _meter.CreateObservableGauge("icefarm.worker.evaluations.in_flight", () => _inFlight.Count, "{evaluation}", "Bitstreams queued or running on this worker's boards");
    }

    public void EvaluationAccepted(Guid evaluationId) => _inFlight.TryAdd(evaluationId, _time.GetTimestamp());

    public void EvaluationEnded(Guid evaluationId, string outcome)
    {
        if (_inFlight.TryRemove(evaluationId, out var started))
        {
            _evaluation.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void Flashed(FirmwareKind firmware, TimeSpan duration, bool succeeded) =>
        _flash.Record(duration.TotalSeconds, new("firmware", firmware.ToString()), new("outcome", succeeded ? "ok" : "failed"));

    public void Dispose() => _meter.Dispose();
}
