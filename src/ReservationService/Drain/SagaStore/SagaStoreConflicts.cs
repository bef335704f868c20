using Marten.Exceptions;

namespace IceFarm.ReservationService.Drain.SagaStore;

/// <summary>The exceptions that mean "another message changed this saga first": retried, never logged as faults.</summary>
internal static class SagaStoreConflicts
{
    public static bool IsConflict(Exception ex) =>
        ex is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException or ConcurrentUpdateException
        || (ex.InnerException is { } inner && IsConflict(inner));
}
