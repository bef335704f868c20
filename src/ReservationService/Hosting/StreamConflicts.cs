using IceFarm.FarmData.Reservations;
using JasperFx;
using JasperFx.Events;
using Polly;
using Polly.Retry;

namespace IceFarm.ReservationService.Hosting;

/// <summary>Optimistic-concurrency conflicts on event streams, and a bounded retry for writes that re-read before deciding.</summary>
internal static class StreamConflicts
{
    public const int MaxAttempts = 8;

    /// <summary>The retry of <see cref="RetryAsync"/>: <see cref="MaxAttempts"/> attempts, at once.</summary>
    public static ResiliencePipeline Every { get; } = Retry(MaxAttempts);

    /// <remarks>
    /// Besides the stream versions: a board's holder inserted by someone else first (its key is the serial), and a deadlock
    /// PostgreSQL broke (a board's lock and a reservation stream's row taken in the other order by another writer).
    /// </remarks>
    public static bool IsConflict(Exception ex) =>
        ex is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
        || ex.InnerException is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
        || (ex as DocumentAlreadyExistsException ?? ex.InnerException as DocumentAlreadyExistsException)?.DocumentType == typeof(BoardHolder)
        || (ex as Npgsql.PostgresException ?? ex.InnerException as Npgsql.PostgresException) is { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected };

    /// <summary>
    /// Runs a write again at once (it must re-read its stream) when another writer got there first, <paramref name="attempts"/>
    /// attempts in all; <paramref name="onRetry"/> hears the number of each lost attempt. The last conflict is thrown.
    /// </summary>
    public static ResiliencePipeline Retry(int attempts, Action<int>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = attempts - 1,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsConflict(ex)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>
    /// Runs <paramref name="attempt"/> again (it must re-read its stream) when another writer got there first: someone
    /// appended to the same stream (a board became ready, a heartbeat); read again and decide again.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt) =>
        await Every.ExecuteAsync(static async (a, _) => await a(), attempt, CancellationToken.None);
}
