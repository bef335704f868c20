using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
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
internal sealed class EvaluateBitstreamConsumer(
    BoardRegistry boards, Metrics.WorkerMetrics metrics, IOptions<WorkerOptions> worker, TimeProvider time, ILogger<EvaluateBitstreamConsumer> logger)
    : IConsumer<EvaluateBitstream>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<EvaluateBitstream> context)
    {
        var message = context.Message;
        metrics.EvaluationAccepted(message.EvaluationId);
        if (boards.Find(message.Serial) is { } actor && actor.Enqueue(new EvaluateOnBoard(message)))
        {
            return;
        }

        var reason = $"board {message.Serial} is not attached to worker {worker.Value.Name}";
        logger.LogWarning("Evaluation {Evaluation} refused: {Reason}", message.EvaluationId, reason);
        await context.Publish(
            new EvaluationFailed(
                message.ReservationId, message.ClientId, message.BatchId, message.EvaluationId, worker.Value.Name,
                message.Serial, message.Label, FailureCategory.Infrastructure, reason, time.GetUtcNow()),
            context.CancellationToken);
    }
}
