using System.Threading.Channels;
using IceFarm.ServiceDefaults;
using Polly;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>
/// Publishes the queued board events, each lane in order and the lanes side by side; a failure is logged and
/// retried with back-off, never dropped (it holds up only its own lane).
/// </summary>
/// <remarks><c>bus</c> is the <see cref="BusEventPublisher"/> in the host; a test double in the tests.</remarks>
internal sealed class QueuedEventPump(
    QueuedEventPublisher queue, IEventPublisher bus, TimeProvider time, ILogger<QueuedEventPump> logger) : BackgroundService
{
    private readonly ResiliencePipeline _retry = new RetryUntilStopped(failure =>
        logger.LogWarning(failure.Error, "Publishing a board event failed ({Failures} in a row); retrying in {Backoff}", failure.InARow, failure.NextAttemptIn))
    {
        BackoffType = DelayBackoffType.Exponential,
        Delay = TimeSpan.FromMilliseconds(250),
        // Short: after a broker outage the results waiting here must flow again within seconds of its return.
        MaxDelay = TimeSpan.FromSeconds(2),
    }.Build(time);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(queue.Lanes.Select(lane => PumpAsync(lane, stoppingToken)));

    private async Task PumpAsync(ChannelReader<Func<IEventPublisher, CancellationToken, Task>> lane, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var publish in lane.ReadAllAsync(stoppingToken))
            {
                await _retry.ExecuteAsync(
                    static async (state, ct) => await state.publish(state.bus, ct), (publish, bus), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
