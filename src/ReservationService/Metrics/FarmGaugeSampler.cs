using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Workers;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Metrics;

/// <summary>Samples the projections for the gauges every few seconds, so scrapes cost nothing and cannot load the store.</summary>
internal sealed class FarmGaugeSampler(IDocumentStore store, FarmMetrics metrics, TimeProvider time, IOptions<MetricsOptions> options, ILogger<FarmGaugeSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, time);
        do
        {
            try
            {
                metrics.Update(await SampleAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sampling the farm for metrics failed; keeping the previous sample");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<FarmSnapshot> SampleAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var devices = await session.Query<DeviceView>().Select(d => new { d.State, d.Health }).ToListAsync(ct);
        var boards = devices.GroupBy(d => (d.State, d.Health))
            .Select(g => (g.Key.State.ToString(), g.Key.Health.ToString(), g.Count())).ToList();
        var active = await session.Query<ReservationView>().CountAsync(r => r.Active, ct);
        var workers = await session.Query<WorkerView>().ToListAsync(ct);
        var liveness = (await session.Query<WorkerLiveness>().ToListAsync(ct)).ToDictionary(l => l.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var ages = workers.Select(w => (w.Name, w.Online, (now - (liveness.GetValueOrDefault(w.Id)?.LastHeartbeat ?? w.Since)).TotalSeconds)).ToList();
        var drains = await session.Query<DrainView>().CountAsync(d => d.FinishedAt == null, ct);
        var open = await session.Query<Evaluations.EvaluationTicket>().CountAsync(ct);
        return new FarmSnapshot(boards, active, ages, drains, open);
    }
}
