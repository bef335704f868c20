using Marten;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace IceFarm.ReservationService.Drain.SagaStore;

internal static class MartenSagaStoreRegistration
{
    /// <summary>Stores the saga in Marten; its document mapping (identity, optimistic concurrency) is the caller's <c>StoreOptions</c>.</summary>
    public static void UseMartenSagaStore<TSaga>(this ISagaRepositoryRegistrationConfigurator<TSaga> repository)
        where TSaga : class, ISaga
    {
        repository.RegisterLoadSagaRepository<TSaga, MartenSagaRepositoryContextFactory<TSaga>>();
        repository.RegisterQuerySagaRepository<TSaga, MartenSagaRepositoryContextFactory<TSaga>>();
        repository.RegisterSagaRepository<TSaga, IDocumentSession, SagaConsumeContextFactory<IDocumentSession, TSaga>,
            MartenSagaRepositoryContextFactory<TSaga>>();
    }
}
