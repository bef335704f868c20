using System.Threading.Channels;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>
/// Publishes the queued board events, each lane in order and the lanes side by side; a failure is logged and
/// retried with back-off, never dropped (it holds up only its own lane).
/// </summary>
/// <remarks><c>bus</c> is the <see cref="BusEventPublisher"/> in the host; a test double in the tests.</remarks>
internal sealed class QueuedEventPump(
    QueuedEventPublisher queue, IEventPublisher bus, TimeProvider time, ILogger<QueuedEventPump> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    // Short: after a broker outage the results waiting here must flow again within seconds of its return.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(queue.Lanes.Select(lane => PumpAsync(lane, stoppingToken)));

    private async Task PumpAsync(ChannelReader<Func<IEventPublisher, CancellationToken, Task>> lane, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var publish in lane.ReadAllAsync(stoppingToken))
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
