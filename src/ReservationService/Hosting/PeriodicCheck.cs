namespace IceFarm.ReservationService.Hosting;

/// <summary>
/// The loop behind the service's monitors (leases, liveness, drains): run a check on every tick of the injected clock;
/// a failing check is logged and backed off (up to 30 intervals), and the loop keeps going.
/// </summary>
internal static class PeriodicCheck
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> check, ILogger logger, string what, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        var failures = 0;
        do
        {
            try
            {
                await check(stoppingToken);
                failures = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && StreamConflicts.IsConflict(ex))
            {
                // Every replica runs the same monitors on the same store: another one appended to the stream first (its
                // write won; ours was refused as a whole). Not a failure: the next tick re-reads and finds the work done.
                logger.LogInformation("{Check} lost a race on a stream to another writer; the next tick re-reads", what);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                if (DatabaseOutages.IsOutage(ex))
                {
                    logger.LogWarning("{Check} waits for the database ({Failures} in a row: {Error}); retrying", what, failures, ex.GetBaseException().Message);
                }
                else
                {
                    logger.LogError(ex, "{Check} failed ({Failures} in a row); retrying", what, failures);
                }

                // An outage is retried soon (a restart lasts seconds); other failures back off further.
                await Task.Delay(interval * Math.Min(failures, DatabaseOutages.IsOutage(ex) ? 5 : 30), time, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
