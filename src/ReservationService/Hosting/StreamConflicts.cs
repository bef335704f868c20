using JasperFx;
using JasperFx.Events;

namespace IceFarm.ReservationService.Hosting;

/// <summary>Optimistic-concurrency conflicts on event streams, and a bounded retry for writes that re-read before deciding.</summary>
internal static class StreamConflicts
{
    public const int MaxAttempts = 8;

    public static bool IsConflict(Exception ex) =>
        ex is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
        || ex.InnerException is ConcurrencyException or EventStreamUnexpectedMaxEventIdException;

    /// <summary>Runs <paramref name="attempt"/> again (it must re-read its stream) when another writer got there first.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (IsConflict(ex) && tries < MaxAttempts)
            {
                // Someone appended to the same stream (a board became ready, a heartbeat); read again and decide again.
            }
        }
    }
}
