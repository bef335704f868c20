using IceFarm.FarmData.Store;
using IceFarm.ServiceDefaults;

namespace IceFarm.ReservationService.Hosting;

/// <summary>
/// The loop behind the service's monitors (leases, liveness, drains): run a check on every tick of the injected clock;
/// a failing check is logged and retried after a back-off of one interval per failure in a row (up to 5 intervals while
/// the database is away, a restart lasts seconds; up to 30 for other failures), and the loop keeps going.
/// </summary>
internal static class PeriodicCheck
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> check, ILogger logger, string what, CancellationToken stoppingToken)
    {
        var retry = new RetryUntilStopped(failure => LogFailure(logger, what, failure), handles: ex => !StreamConflicts.IsConflict(ex))
        {
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                interval * Math.Min(args.AttemptNumber + 1, DatabaseOutages.IsOutage(args.Outcome.Exception) ? 5 : 30)),
        }.Build(time);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await retry.ExecuteAsync(static async (check, ct) => await check(ct), check, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && StreamConflicts.IsConflict(ex))
            {
                // Every replica runs the same monitors on the same store: another one appended to the stream first (its
                // write won; ours was refused as a whole). Not a failure: the next tick re-reads and finds the work done.
                logger.LogInformation("{Check} lost a race on a stream to another writer; the next tick re-reads", what);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static void LogFailure(ILogger logger, string what, LoopFailure failure)
    {
        if (DatabaseOutages.IsOutage(failure.Error))
        {
            logger.LogWarning("{Check} waits for the database ({Failures} in a row: {Error}); retrying", what, failure.InARow, failure.Error.GetBaseException().Message);
        }
        else
        {
            logger.LogError(failure.Error, "{Check} failed ({Failures} in a row); retrying", what, failure.InARow);
        }
    }
}
