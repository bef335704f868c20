using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Startup;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>Queues <see cref="EvaluateBitstream"/> on the board's actor (FIFO per board).</summary>
/// <remarks>
/// An unknown serial fails the evaluation as <see cref="FailureCategory.Infrastructure"/>: the service
/// routes by its own view of the farm and checked the client's ownership, so a miss means that view is
/// stale, not that the client's input was wrong; the client may resubmit elsewhere.
/// </remarks>
/// <para>The command is acknowledged only once the evaluation's outcome is published: a worker killed before that
/// leaves it in the queue, and the next process (which prepares the board again first) runs it once more.</para>
internal sealed class EvaluateBitstreamConsumer(
    BoardRegistry boards, CommandGate gate, EvaluationDeliveries deliveries, Metrics.WorkerMetrics metrics, IOptions<WorkerOptions> worker,
    TimeProvider time, ILogger<EvaluateBitstreamConsumer> logger)
    : IConsumer<EvaluateBitstream>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<EvaluateBitstream> context)
    {
        var message = context.Message;
        await gate.WaitAsync(context.CancellationToken);
        metrics.EvaluationAccepted(message.EvaluationId);
        var delivered = deliveries.Track(message.EvaluationId);
        if (boards.Find(message.Serial) is { } actor && actor.Enqueue(new EvaluateOnBoard(message)))
        {
            await delivered.WaitAsync(context.CancellationToken);
            return;
        }

        deliveries.Forget(message.EvaluationId);

        var reason = $"board {message.Serial} is not attached to worker {worker.Value.Name}";
        logger.LogWarning("Evaluation {Evaluation} refused: {Reason}", message.EvaluationId, reason);
        await context.Publish(
            new EvaluationFailed(
                message.ReservationId, message.ClientId, message.BatchId, message.EvaluationId, worker.Value.Name,
                message.Serial, message.Label, FailureCategory.Infrastructure, reason, time.GetUtcNow()),
            context.CancellationToken);
    }
}
