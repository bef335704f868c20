using IceFarm.Contracts.Evaluations;
using MassTransit;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// Forwards a result to its client's stream; the message names the client, so no lookup is needed. The message is
/// acknowledged only once the event is stored: a crash cannot lose a result.
/// </summary>
internal sealed class EvaluationCompletedConsumer(EvaluationOutcomes outcomes) : IConsumer<EvaluationCompleted>
{
    public Task Consume(ConsumeContext<EvaluationCompleted> context) => outcomes.CompleteAsync(context.Message, context.CancellationToken);
}
