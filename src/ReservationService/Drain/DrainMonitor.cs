using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Hosting;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Fires stored drain deadlines on the injected clock and asks a drain to recount when the boards' reservations differ
/// from its count. Everything it needs is read from Marten on every tick, so a restarted service carries on where the
/// previous one stopped; a drain whose worker an operator returned to service is cancelled (again, should the first
/// cancel have been lost); what it remembers in memory only keeps it from publishing the same message every tick.
/// </summary>
internal sealed class DrainMonitor(
    IDocumentStore store, IBus bus, TimeProvider time, IOptions<DrainOptions> options, ILogger<DrainMonitor> logger) : BackgroundService
{
    private readonly Dictionary<Guid, (string What, DateTimeOffset At)> _published = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicCheck.RunAsync(options.Value.CheckInterval, time, CheckAsync, logger, "Drain check", stoppingToken);

    internal async Task CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<DrainState> drains;
        Dictionary<string, HashSet<Guid>> holding;
        HashSet<string> overruled;
        await using (var session = store.QuerySession())
        {
            drains = [.. await session.Query<DrainState>().Where(d => d.CurrentState == DrainStateMachine.DrainingStateName).ToListAsync(ct)];
            var workers = drains.Select(d => d.Worker).ToArray();
            var held = workers.Length == 0 ? [] : await session.Query<BoardHolder>().Where(h => h.Worker.IsOneOf(workers)).ToListAsync(ct);
            var views = workers.Length == 0 ? [] : await session.LoadManyAsync<WorkerView>(ct, workers.Select(StreamIds.Worker));
            overruled = views.Where(v => !v.Draining).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            holding = held.GroupBy(d => d.Worker, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(d => d.ReservationId).ToHashSet(), StringComparer.Ordinal);
        }

        foreach (var finished in _published.Keys.Except(drains.Select(d => d.CorrelationId)).ToList())
        {
            _published.Remove(finished);
        }

        foreach (var drain in drains)
        {
            if (drain.WorkerKnown && overruled.Contains(drain.Worker))
            {
                await PublishOnceAsync(drain, "cancel", new DrainCancelled(drain.Worker), now, ct);
            }
            else if (now >= drain.Deadline)
            {
                await PublishOnceAsync(drain, $"deadline {drain.Deadline:O}", new DrainDeadlineReached(drain.Worker, drain.Deadline), now, ct);
            }
            else if (!holding.GetValueOrDefault(drain.Worker, []).SetEquals(drain.Remaining))
            {
                var what = "recheck " + string.Join(',', holding.GetValueOrDefault(drain.Worker, []).Order());
                await PublishOnceAsync(drain, what, new DrainRecheckDue(drain.Worker), now, ct);
            }
        }
    }

    private async Task PublishOnceAsync<T>(DrainState drain, string what, T message, DateTimeOffset now, CancellationToken ct)
        where T : class
    {
        if (_published.TryGetValue(drain.CorrelationId, out var last) && last.What == what && now - last.At < options.Value.RepublishAfter)
        {
            return;
        }

        await bus.Publish(message, ct);
        _published[drain.CorrelationId] = (what, now);
        logger.LogInformation("Drain of {Worker}: published {What}", drain.Worker, what);
    }
}
