using IceFarm.Contracts.Workers;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Draining;

/// <summary>
/// The worker's side of the drain saga (ARCHITECTURE.md §8). Registered after the bus, so the host stops it
/// first: on SIGTERM it asks the ReservationService to drain this worker, reports <c>Draining</c> in its
/// heartbeats, keeps serving its leases, and returns once <c>WorkerDrained</c> for it arrives (or the
/// deadline plus a margin passes); only then do the bus and the boards stop.
/// </summary>
internal sealed class DrainOnShutdown(
    IBus bus,
    DrainState drain,
    IOptions<WorkerOptions> worker,
    TimeProvider time,
    ILogger<DrainOnShutdown> logger) : IHostedService
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var options = worker.Value;
        if (!options.DrainOnShutdown)
        {
            logger.LogWarning("Worker {Worker} stops without draining (Worker:DrainOnShutdown is off)", options.Name);
            return;
        }

        var deadline = time.GetUtcNow() + options.DrainDeadline;
        drain.Start();
        if (bus is IBusControl control && control.CheckHealth().Status == BusHealthStatus.Unhealthy)
        {
            // Not connected to the broker: nobody can drain this worker or tell it the drain is done.
            logger.LogError("Worker {Worker} is not connected to the bus; stopping without draining", options.Name);
            return;
        }

        using var requestTimeout = new CancellationTokenSource(RequestTimeout, time);
        using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, requestTimeout.Token);
        try
        {
            // Published, not sent to the service's admin queue: a worker's broker user may write only its own reports.
            await bus.Publish(new WorkerStopping(options.Name, deadline, time.GetUtcNow()), request.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || requestTimeout.IsCancellationRequested)
        {
            // Without the service nobody will report the drain done: stop now rather than wait for nothing.
            logger.LogError(ex, "Worker {Worker} could not ask to be drained; stopping without draining", options.Name);
            return;
        }

        logger.LogInformation("Worker {Worker} draining until {Deadline}; serving current leases meanwhile", options.Name, deadline);
        try
        {
            var at = await drain.Drained.WaitAsync(options.DrainDeadline + options.DrainGrace, time, cancellationToken);
            logger.LogInformation("Worker {Worker} drained at {At}; releasing boards and stopping", options.Name, at);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Worker {Worker}: no WorkerDrained by {Deadline} + {Grace}; stopping anyway", options.Name, deadline, options.DrainGrace);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Worker {Worker}: the host's shutdown timeout ended the drain wait", options.Name);
        }
    }
}
