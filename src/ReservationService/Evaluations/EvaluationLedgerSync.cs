using IceFarm.ReservationService.Hosting;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// Brings this replica's <see cref="EvaluationLedger"/> in line with the store: evaluations another replica ended (it
/// consumed their results, or ended their reservation) stop counting against this replica's per-board bound.
/// </summary>
internal sealed class EvaluationLedgerSync(
    EvaluationLedger ledger, EvaluationTickets tickets, IOptions<EvaluationOptions> options, TimeProvider time, ILogger<EvaluationLedgerSync> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicCheck.RunAsync(options.Value.LedgerSyncInterval, time, SyncAsync, logger, "Evaluation ledger sync", stoppingToken);

    internal async Task SyncAsync(CancellationToken ct)
    {
        var known = ledger.Stored();
        if (known.Count == 0)
        {
            return;
        }

        var pruned = ledger.Prune(known, await tickets.StillOpenAsync(known, ct));
        if (pruned > 0)
        {
            logger.LogDebug("{Count} evaluation(s) ended on another replica", pruned);
        }
    }
}
