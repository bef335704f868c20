using Marten.Exceptions;

namespace IceFarm.ReservationService.Hosting;

/// <summary>
/// The exceptions that mean "another writer changed this version-checked document first" (a saga, a queued request, or a stream it appends to):
/// the caller re-reads and decides again; never logged as faults.
/// </summary>
internal static class DocumentConflicts
{
    public static bool IsConflict(Exception ex) =>
        ex is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException or ConcurrentUpdateException
        || StreamConflicts.IsConflict(ex)
        || (ex.InnerException is { } inner && IsConflict(inner));
}
