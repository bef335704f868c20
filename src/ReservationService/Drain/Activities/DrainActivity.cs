using MassTransit;

namespace IceFarm.ReservationService.Drain.Activities;

/// <summary>A step of the drain saga that needs the farm (<see cref="IDrainActions"/>); resolved per message from its scope.</summary>
internal abstract class DrainActivity : IStateMachineActivity<DrainState>
{
    public void Probe(ProbeContext context) => context.CreateScope(GetType().Name);

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<DrainState> context, IBehavior<DrainState> next)
    {
        await RunAsync(context.Saga, context.CancellationToken);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<DrainState, T> context, IBehavior<DrainState, T> next)
        where T : class
    {
        await RunAsync(context.Saga, context.CancellationToken);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<DrainState, TException> context, IBehavior<DrainState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<DrainState, T, TException> context, IBehavior<DrainState, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    protected abstract Task RunAsync(DrainState drain, CancellationToken ct);
}
