using IceFarm.ReservationService.Hosting;
using Marten;
using Polly;

namespace IceFarm.ReservationService.Reservations.Model;

/// <summary>
/// The one place that appends a decision to a reservation stream: reads the stream and folds it
/// (<see cref="ReservationEvolution.Fold"/>), runs a pure decision (<see cref="ReservationDecisions"/>), appends what it
/// decided at the version read, and commits once; the boards' holders follow from the events in the same commit
/// (<c>BoardHolderProjection</c>). A writer that got there first makes the commit fail; the whole call then runs again on a fresh read
/// (<see cref="StreamConflicts"/>), so a decision is never applied to a state it did not see.
/// </summary>
/// <remarks>
/// The events are folded rather than the inline <c>ReservationView</c> loaded: a reservation stream holds a handful of
/// events, one query either way, and the write model stays the only thing a decision reads.
/// </remarks>
internal sealed class ReservationHandler(IDocumentStore store)
{
    /// <summary>Decides on the reservation in stream <paramref name="streamId"/> and appends what the decision says.</summary>
    /// <param name="alongside">
    /// Work the caller needs in the same transaction (a document to delete, an event on another stream); it runs after the
    /// decision, on every attempt, whether the decision appended or not.
    /// </param>
    /// <param name="races">The retry for lost races; <see cref="StreamConflicts.Retry"/> with its defaults when null.</param>
    public Task<ReservationChange<T>> HandleAsync<T>(
        string streamId,
        Func<Reservation, (T Outcome, IReadOnlyList<object> Events)> decide,
        CancellationToken ct,
        Func<IDocumentSession, ReservationChange<T>, CancellationToken, Task>? alongside = null,
        ResiliencePipeline? races = null) =>
        HandleAsync(streamId, static (_, _, _) => Task.FromResult(0), (reservation, _) => decide(reservation), ct, alongside, races);

    /// <summary>A decision that only says which events to append; the outcome says whether it appended any.</summary>
    public Task<ReservationChange<bool>> HandleAsync(
        string streamId,
        Func<Reservation, IReadOnlyList<object>> decide,
        CancellationToken ct,
        Func<IDocumentSession, ReservationChange<bool>, CancellationToken, Task>? alongside = null) =>
        HandleAsync(streamId, reservation => decide(reservation) is var events ? (events.Count > 0, events) : default, ct, alongside);

    /// <summary>
    /// As the other overloads, for a decision that needs more than the reservation: <paramref name="gather"/> reads it in
    /// the same session, after the reservation (say, a free board to put in place of a failed one, taken under its lock, so
    /// that no other grant takes it before the commit), and the decision stays a pure function of both.
    /// </summary>
    public async Task<ReservationChange<T>> HandleAsync<TInput, T>(
        string streamId,
        Func<IDocumentSession, Reservation, CancellationToken, Task<TInput>> gather,
        Func<Reservation, TInput, (T Outcome, IReadOnlyList<object> Events)> decide,
        CancellationToken ct,
        Func<IDocumentSession, ReservationChange<T>, CancellationToken, Task>? alongside = null,
        ResiliencePipeline? races = null) =>
        await (races ?? StreamConflicts.Every).ExecuteAsync(
            async token => await TryAsync(streamId, gather, decide, alongside, token), ct);

    private async Task<ReservationChange<T>> TryAsync<TInput, T>(
        string streamId,
        Func<IDocumentSession, Reservation, CancellationToken, Task<TInput>> gather,
        Func<Reservation, TInput, (T Outcome, IReadOnlyList<object> Events)> decide,
        Func<IDocumentSession, ReservationChange<T>, CancellationToken, Task>? alongside,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchStreamAsync(streamId, token: ct);
        if (ReservationEvolution.Fold(stream.Select(e => e.Data)) is not { } before)
        {
            return new ReservationChange<T>(null, default!, []);
        }

        var (outcome, events) = decide(before, await gather(session, before, ct));
        var change = new ReservationChange<T>(before, outcome, events);
        if (change.Appended)
        {
            // The version the stream has after these events, as Marten checks it: the commit fails if anyone appended since the read.
            session.Events.Append(streamId, stream[^1].Version + events.Count, events);
        }

        if (alongside is not null)
        {
            await alongside(session, change, ct);
        }

        await session.SaveChangesAsync(ct);
        return change;
    }
}
