using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Heartbeat;

/// <summary>Publishes a <see cref="Contracts.Workers.WorkerHeartbeat"/> at start and then every interval; a failed beat is logged and the next one tried.</summary>
internal sealed class HeartbeatService(
    HeartbeatFactory heartbeats,
    IEventPublisher publisher,
    IOptions<WorkerOptions> worker,
    TimeProvider time,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(worker.Value.HeartbeatInterval, time);
        do
        {
            try
            {
                await publisher.PublishAsync(heartbeats.Create(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Heartbeat of worker {Worker} not published; trying again in {Interval}", worker.Value.Name, worker.Value.HeartbeatInterval);
            }
        }
        while (await WaitForNextBeatAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextBeatAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
