using Marten;
using MassTransit;
using MassTransit.Saga;

namespace IceFarm.ReservationService.Drain.SagaStore;

/// <summary>
/// Saga persistence in Marten, on MassTransit's storage-neutral repository (MassTransit.Marten is not served).
/// Scoped: a message's saga work shares the scope's <see cref="IDocumentSession"/>, so events that the saga's activities
/// append in that session commit in the same transaction as the saga document.
/// </summary>
internal sealed class MartenSagaRepositoryContextFactory<TSaga>(
    IDocumentSession session, IDocumentStore store, ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new MartenSagaRepositoryContext<TSaga, T>(session, context, factory));

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        var repositoryContext = new MartenSagaRepositoryContext<TSaga, T>(session, context, factory);
        var instances = await session.Query<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        ReadAsync(asyncMethod, cancellationToken);

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        ReadAsync(asyncMethod, cancellationToken);

    public void Probe(ProbeContext context) => context.Add("persistence", "marten");

    private async Task<T> ReadAsync<T>(Func<MartenSagaReadContext<TSaga>, Task<T>> read, CancellationToken ct)
    {
        await using var reader = store.QuerySession();
        return await read(new MartenSagaReadContext<TSaga>(reader, ct));
    }
}
