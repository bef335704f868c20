using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Drain.SagaStore;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Retry and outbox for the saga's own messages (the admin endpoint it shares keeps its own settings). The retry is
/// outside the outbox and outside the saga store, so a message that lost a race on the saga document runs again on a
/// fresh session and none of its publishes escape from the losing attempt.
/// </summary>
internal sealed class DrainSagaDefinition : SagaDefinition<DrainState>
{
    public DrainSagaDefinition() => ConcurrentMessageLimit = 4;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<DrainState> sagaConfigurator,
        IRegistrationContext context)
    {
        sagaConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DocumentConflicts.IsConflict);
            r.Intervals(10, 50, 100, 250, 500, 1000, 2000);
        });
        sagaConfigurator.UseInMemoryOutbox(context);
    }
}
