using Marten;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace IceFarm.ReservationService.Drain.SagaStore;

/// <summary>Read-only access to saga instances outside a message (MassTransit's load and query repositories).</summary>
internal sealed class MartenSagaReadContext<TSaga>(IQuerySession session, CancellationToken ct)
    : BasePipeContext(ct), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public Task<TSaga> Load(Guid correlationId) => session.LoadAsync<TSaga>(correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var instances = await session.Query<TSaga>().Where(query.FilterExpression).ToListAsync(cancellationToken);
        return new LoadedSagaRepositoryQueryContext<TSaga>(this, instances);
    }
}
