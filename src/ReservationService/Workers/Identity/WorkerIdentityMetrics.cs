using System.Diagnostics.Metrics;

namespace IceFarm.ReservationService.Workers.Identity;

/// <summary>
/// Counts worker messages the service refused, on the farm's meter, by message type, the worker it claimed to be or to
/// come from, and why (<see cref="Sender"/> or <see cref="Owner"/>): a non-zero rate is an alarm.
/// </summary>
internal sealed class WorkerIdentityMetrics
{
    public const string Sender = "sender";
    public const string Owner = "owner";

    private readonly Counter<long> _refused;

    public WorkerIdentityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Metrics.FarmMetrics.MeterName);
        _refused = meter.CreateCounter<long>("icefarm.bus.refused", "{message}", "Worker messages dropped: a sender that may not send them, or a board another live worker has");
    }

    public void Refused(string message, string worker, string reason) =>
        _refused.Add(1, new KeyValuePair<string, object?>("message", message), new("worker", worker), new("reason", reason));
}
