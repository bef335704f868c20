using System.Diagnostics.Metrics;

namespace IceFarm.ReservationService.Workers;

/// <summary>Counts the commands reconciliation re-sent, by command and reason, on the farm's meter.</summary>
internal sealed class ReconciliationMetrics
{
    private readonly Counter<long> _resent;

    public ReconciliationMetrics(IMeterFactory meters)
    {
        // The factory hands out one meter per name, so this shares the farm's meter (and its Prometheus export).
        var meter = meters.Create(Metrics.FarmMetrics.MeterName);
        _resent = meter.CreateCounter<long>("icefarm.reconciliation.resent", "{command}", "Commands re-sent because a heartbeat showed the first was lost");
    }

    public void Resent(string command, string reason) => _resent.Add(1, new("command", command), new("reason", reason));
}
