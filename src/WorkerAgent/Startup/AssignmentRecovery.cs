using IceFarm.Contracts.Workers;
using IceFarm.ServiceDefaults;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;
using Polly;

namespace IceFarm.WorkerAgent.Startup;

/// <summary>
/// At start-up, asks the service which reservations hold this worker's boards and queues their prepare on each board
/// before any command is consumed (<see cref="CommandGate"/>). A worker that crashed or was rescheduled thereby keeps
/// its reservations: the boards come back serving the same reservation, and the evaluations the previous process left
/// in the queue run on them instead of failing.
/// </summary>
internal sealed class AssignmentRecovery(
    IBus bus, BoardSupervisor supervisor, BoardRegistry boards, CommandGate gate, WorkerInstance instance, IHostApplicationLifetime lifetime,
    IOptions<WorkerOptions> worker, IOptions<StartupOptions> options, TimeProvider time, ILogger<AssignmentRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            await WaitForFirstScanAsync(stoppingToken);
            if (await AskAsync(stoppingToken) is { } assignments)
            {
                Queue(assignments);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            gate.Open();
        }
    }

    // The bus (a hosted service too) answers requests only once the host has started.
    private async Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }

    private async Task WaitForFirstScanAsync(CancellationToken ct)
    {
        try
        {
            await supervisor.FirstScan.WaitAsync(options.Value.FirstScanTimeout, time, ct);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("No USB scan finished within {Timeout}; asking for the boards' reservations without it", options.Value.FirstScanTimeout);
        }
    }

    private async Task<WorkerAssignments?> AskAsync(CancellationToken ct)
    {
        var name = worker.Value.Name;
        var giveUpAt = time.GetUtcNow() + options.Value.AssignmentsTimeout;
        var client = bus.CreateRequestClient<WorkerHello>(RequestTimeout.After(ms: (int)options.Value.AskTimeout.TotalMilliseconds));
        var retry = new RetryUntilStopped(
            failure => logger.LogWarning("Asking the service for the reservations of {Worker} failed (attempt {Attempt}): {Error}; asking again",
                name, failure.InARow, failure.Error.Message),
            handles: _ => time.GetUtcNow() < giveUpAt)
        {
            BackoffType = DelayBackoffType.Linear,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(5),
        }.Build(time);
        try
        {
            return await retry.ExecuteAsync(
                async token => (await client.GetResponse<WorkerAssignments>(new WorkerHello(name, instance.Id, time.GetUtcNow()), token)).Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not fatal: the heartbeat's reconciliation re-sends the prepares; commands that arrive first may fail.
            logger.LogError(ex, "The service did not say which reservations hold the boards of {Worker} within {Timeout}; serving commands without it",
                name, options.Value.AssignmentsTimeout);
            return null;
        }
    }

    private void Queue(WorkerAssignments assignments)
    {
        foreach (var prepare in assignments.Boards)
        {
            if (boards.Find(prepare.Serial) is { } actor && actor.Enqueue(new PrepareBoard(prepare)))
            {
                logger.LogInformation("Board {Serial} is held by reservation {Reservation}: preparing it again after this worker's start", prepare.Serial, prepare.ReservationId);
            }
            else
            {
                // The previous process had it; this one does not see it (unplugged meanwhile). The heartbeat says so.
                logger.LogWarning("Board {Serial}, held by reservation {Reservation}, is not attached to this worker", prepare.Serial, prepare.ReservationId);
            }
        }

        logger.LogInformation("Recovered {Count} reserved board(s) at start-up", assignments.Boards.Count);
    }
}
