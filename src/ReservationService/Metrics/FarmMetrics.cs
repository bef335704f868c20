using System.Diagnostics.Metrics;

namespace IceFarm.ReservationService.Metrics;

/// <summary>
/// The farm's own meter. Gauges read the latest <see cref="FarmSnapshot"/> (sampled in the background, so a scrape never
/// queries the store); histograms are recorded where the work happens.
/// </summary>
internal sealed class FarmMetrics : IDisposable
{
    public const string MeterName = "IceFarm.ReservationService";
    private readonly Meter _meter;
    private readonly Histogram<double> _reserve;
    private readonly Histogram<double> _evaluation;
    private FarmSnapshot _snapshot = FarmSnapshot.Empty;

    public FarmMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _reserve = _meter.CreateHistogram("icefarm.reserve.duration", "s", "Time to grant a reservation (queueing excluded)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _evaluation = _meter.CreateHistogram("icefarm.evaluation.latency", "s", "From submission to the result or failure reaching the client's stream",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300] });
        _meter.CreateObservableGauge("icefarm.boards", () => _snapshot.Boards.Select(b =>
            new Measurement<int>(b.Count, new("state", b.State), new("health", b.Health))), "{board}", "Boards per state and health");
        _meter.CreateObservableGauge("icefarm.reservations.active", () => _snapshot.ActiveReservations, "{reservation}", "Reservations holding boards");
        _meter.CreateObservableGauge("icefarm.evaluations.open", () => _snapshot.OpenEvaluations, "{evaluation}", "Evaluations queued or running on the farm, not yet ended");
        _meter.CreateObservableGauge("icefarm.worker.heartbeat.age", () => _snapshot.HeartbeatAges.Select(w =>
            new Measurement<double>(w.AgeSeconds, new("worker", w.Worker), new("online", w.Online))), "s", "Seconds since each worker's last heartbeat");
        _meter.CreateObservableGauge("icefarm.drains.in_progress", () => _snapshot.DrainsInProgress, "{drain}", "Workers being drained");
    }

    public void Update(FarmSnapshot snapshot) => _snapshot = snapshot;

    public void RecordReserve(TimeSpan duration, string kind, bool granted) =>
        _reserve.Record(duration.TotalSeconds, new("kind", kind), new("granted", granted));

    public void RecordEvaluation(TimeSpan latency, string outcome) => _evaluation.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
