using IceFarm.Contracts.Workers;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Draining;

/// <summary>Ends this worker's wait when the ReservationService reports it drained; other workers' events are ignored.</summary>
internal sealed class WorkerDrainedConsumer(DrainState drain, IOptions<WorkerOptions> worker, ILogger<WorkerDrainedConsumer> logger) : IConsumer<WorkerDrained>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<WorkerDrained> context)
    {
        if (string.Equals(context.Message.Worker, worker.Value.Name, StringComparison.Ordinal))
        {
            logger.LogInformation("Worker {Worker} drained at {At}", context.Message.Worker, context.Message.At);
            drain.MarkDrained(context.Message.At);
        }

        return Task.CompletedTask;
    }
}
