using IceFarm.Contracts.Evaluations;
using MassTransit;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>Forwards a worker's evaluation failure, with its category, to the client's stream (once per evaluation).</summary>
internal sealed class EvaluationFailedConsumer(EvaluationOutcomes outcomes) : IConsumer<EvaluationFailed>
{
    public Task Consume(ConsumeContext<EvaluationFailed> context) => outcomes.FailAsync(context.Message, context.CancellationToken);
}
