using IceFarm.Broker;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Workers.Identity;

/// <summary>
/// Drops, before any consumer sees it, a message whose verified sender may not say it (<see cref="WorkerSenderCheck"/>).
/// The message is consumed, not failed: redelivering a forgery helps nobody. Each refusal is logged and counted.
/// </summary>
internal sealed class WorkerSenderFilter<T>(IOptions<WorkerIdentityOptions> options, WorkerIdentityMetrics metrics, ILogger<WorkerSenderFilter<T>> logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (!options.Value.Required || WorkerSenderCheck.Refusal(context.Message, BrokerSender.Of(context.ReceiveContext)) is not { } refusal)
        {
            await next.Send(context);
            return;
        }

        metrics.Refused(typeof(T).Name, context.Message is Contracts.Workers.IWorkerMessage m ? m.Worker : "", WorkerIdentityMetrics.Sender);
        logger.LogWarning("Refused a {Message} from the bus: it {Refusal}", typeof(T).Name, refusal);
        // Consumed by this filter: a message nobody consumed is moved to the _skipped queue, a needless copy of a forgery.
        await context.NotifyConsumed(context, TimeSpan.Zero, nameof(WorkerSenderFilter<T>));
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("workerSender");
}
