using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;
using MassTransit;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>Forwards an evaluation failure, with its category, to its client's stream.</summary>
internal sealed class EvaluationFailedConsumer(ClientEventHub hub) : IConsumer<EvaluationFailed>
{
    public async Task Consume(ConsumeContext<EvaluationFailed> context)
    {
        var failure = context.Message;
        await hub.PublishAsync(failure.ClientId, StreamEventTypes.EvaluationFailed,
            new EvaluationFailedEvent(failure.ReservationId, failure.BatchId, failure.EvaluationId, failure.Label, failure.Serial,
                failure.Category.ToString().ToLowerInvariant(), failure.Reason), context.CancellationToken);
    }
}
