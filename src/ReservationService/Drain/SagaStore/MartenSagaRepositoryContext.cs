using IceFarm.ReservationService.Hosting;
using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace IceFarm.ReservationService.Drain.SagaStore;

/// <summary>
/// One message's view of the saga store. The saga document is mapped with optimistic concurrency, so a message that
/// loaded an instance which another message changed (or deleted) meanwhile fails at commit; the saga's message retry
/// then runs it again on a fresh scope and session.
/// </summary>
internal sealed class MartenSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly IDocumentSession _session;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<IDocumentSession, TSaga> _factory;

    public MartenSagaRepositoryContext(
        IDocumentSession session, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<IDocumentSession, TSaga> factory)
        : base(context)
    {
        _session = session;
        _consumeContext = context;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_session, consumeContext, instance, mode);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_session, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        _session.Insert(instance);
        try
        {
            await _session.SaveChangesAsync(CancellationToken);
        }
        catch (Exception ex) when (DocumentConflicts.IsConflict(ex))
        {
            // Another message created the instance first: the caller loads that one instead (MassTransit's contract).
            _session.Eject(instance);
            return null!;
        }

        return await _factory.CreateSagaConsumeContext(_session, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _session.LoadAsync<TSaga>(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_session, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>A new instance: inserted, so a racing creator of the same id conflicts instead of being overwritten.</summary>
    public Task Save(SagaConsumeContext<TSaga> context)
    {
        _session.Insert(context.Saga);
        return _session.SaveChangesAsync(CancellationToken);
    }

    /// <summary>An existing instance: updated against the version it was loaded at.</summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        _session.Update(context.Saga);
        return _session.SaveChangesAsync(CancellationToken);
    }

    /// <summary>
    /// A finalized instance: first saved like an update, version-checked, with the work its activities staged (Marten
    /// does not version-check deletes, and drops an update queued with a delete), so of two messages that both finish
    /// one saga only the first commits; then deleted.
    /// </summary>
    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        _session.Update(context.Saga);
        await _session.SaveChangesAsync(CancellationToken);
        _session.Delete(context.Saga);
        await _session.SaveChangesAsync(CancellationToken);
    }

    /// <summary>Created and finished by one message: never stored, but the work its activities staged still commits.</summary>
    public Task Discard(SagaConsumeContext<TSaga> context) => _session.SaveChangesAsync(CancellationToken);

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        _session.Eject(context.Saga);
        return Task.CompletedTask;
    }
}
