namespace IceFarm.WorkerAgent.Bus;

/// <summary>Publishes the queued board events in order; a failure is logged and retried with back-off, never dropped.</summary>
internal sealed class QueuedEventPump(
    QueuedEventPublisher queue, BusEventPublisher bus, TimeProvider time, ILogger<QueuedEventPump> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var publish in queue.Pending.ReadAllAsync(stoppingToken))
            {
                var backoff = FirstBackoff;
                while (true)
                {
                    try
                    {
                        await publish(bus, stoppingToken);
                        break;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning(ex, "Publishing a board event failed; retrying in {Backoff}", backoff);
                        await Task.Delay(backoff, time, stoppingToken);
                        backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
