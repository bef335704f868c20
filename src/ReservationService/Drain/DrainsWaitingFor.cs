using System.Linq.Expressions;
using Marten.Linq;

namespace IceFarm.ReservationService.Drain;

/// <summary>The workers whose drain waits for a reservation. Compiled: it runs for every reservation that ends.</summary>
internal sealed class DrainsWaitingFor : ICompiledListQuery<DrainState, string>
{
    public Guid ReservationId { get; init; }

    public Expression<Func<IMartenQueryable<DrainState>, IEnumerable<string>>> QueryIs() =>
        q => q.Where(d => d.CurrentState == DrainStateMachine.DrainingStateName && d.Remaining.Contains(ReservationId)).Select(d => d.Worker);
}
