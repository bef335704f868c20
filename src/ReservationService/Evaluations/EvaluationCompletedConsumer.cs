using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;
using MassTransit;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>Forwards a result to its client's stream; the message names the client, so no lookup is needed.</summary>
internal sealed class EvaluationCompletedConsumer(ClientEventHub hub) : IConsumer<EvaluationCompleted>
{
    public async Task Consume(ConsumeContext<EvaluationCompleted> context)
    {
        var result = context.Message;
        object value = result.Value.Pulses is { } pulses
            ? pulses
            : new VarianceValue(result.Value.Fitness ?? 0, result.Value.Samples);
        // The message is acknowledged only once the event is stored: a crash cannot lose a result.
        await hub.PublishAsync(result.ClientId, StreamEventTypes.Result,
            new ResultEvent(result.ReservationId, result.BatchId, result.EvaluationId, result.Label, result.Serial, value), context.CancellationToken);
    }
}
