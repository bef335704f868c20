using System.Diagnostics.Metrics;

namespace IceFarm.ReservationService.Workers.Identity;

/// <summary>Counts bus messages refused for their sender, by message type, on the farm's meter: a non-zero rate is an alarm.</summary>
internal sealed class WorkerIdentityMetrics
{
    private readonly Counter<long> _refused;

    public WorkerIdentityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Metrics.FarmMetrics.MeterName);
        _refused = meter.CreateCounter<long>("icefarm.bus.refused", "{message}", "Bus messages dropped because their verified sender may not send them");
    }

    public void Refused(string message) => _refused.Add(1, new KeyValuePair<string, object?>("message", message));
}
