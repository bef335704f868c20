using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Hosting;
using JasperFx.Events;
using Marten;
using Npgsql;
using Polly;
using Polly.Retry;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// The client feeds in Marten: each client's events are the stream <c>client-{id}</c>, and an event's version there is
/// its id. A batch is one <c>SaveChanges</c>, one round trip: the store numbers the events as it appends them, and the
/// stream's unique (stream, version) index turns two writers of one client (two replicas) taking the same id into a
/// conflict the loser retries; ids stay gap-free because a failed transaction takes none.
/// </summary>
internal sealed class ClientFeedStore(IDocumentStore store, EvaluationClaims claims, ILogger<ClientFeedStore> logger)
{
    /// <summary>Marten's unique index on event ids (<c>EnableUniqueIndexOnEventId</c>, set in <c>FarmStore</c>).</summary>
    private const string EventIdIndex = "idx_mt_events_event_id";

    private static readonly ResiliencePipeline Races = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            // Two writers of one client (two replicas) that read its version at once collide on the next one: Marten's
            // quick append numbers events without locking the stream. The loser wrote nothing and tries again, after a
            // short random pause so that the two do not meet again.
            MaxRetryAttempts = StreamConflicts.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(2),
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && (StreamConflicts.IsConflict(ex) || EndedMeanwhile(ex))),
        })
        .Build();

    /// <summary>
    /// Appends <paramref name="batch"/> (in that order per client) and deletes the tickets of the evaluations it ends, in
    /// one transaction. An event that ends an evaluation is appended only with the deletion of its ticket, and only for a
    /// ticket of that client, board and worker (a worker's message cannot end another client's evaluation or one sent to
    /// another worker); one whose ticket is gone (the evaluation ended before, on any replica) is left out.
    /// Exactly once holds between replicas because that event carries the evaluation's id as its event id, which the
    /// store's unique index allows once: a writer that loses the race has written nothing, reads the tickets again and
    /// leaves the ended evaluation out.
    /// Returns the appended events in the order of <paramref name="batch"/>, null for each one left out.
    /// </summary>
    /// <remarks>
    /// The same transaction wakes the other replicas' streams of these clients: <c>NOTIFY</c> on
    /// <see cref="Channel"/> with <c>{origin} {client}</c>, which PostgreSQL delivers only if it commits. It is only a
    /// wake-up: they read the events from the store.
    /// </remarks>
    public async Task<StreamEvent?[]> AppendAsync(IReadOnlyList<PendingClientEvent> batch, string origin, CancellationToken ct)
    {
        var attempts = 0;
        return await Races.ExecuteAsync(async token => await TryAppendAsync(batch, origin, reread: attempts++ > 0, token), ct);
    }

    /// <summary>
    /// The write lost a race to end an evaluation (the unique index on event ids), or to a writer deleting the same
    /// tickets in another order (a deadlock PostgreSQL broke): nothing was written.
    /// </summary>
    private static bool EndedMeanwhile(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EventIdIndex }
                or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    public const string Channel = "icefarm_client_events";

    /// <summary>Up to <paramref name="limit"/> stored events with ids in (<paramref name="after"/>, <paramref name="upTo"/>], and the last id read.</summary>
    public async Task<(IReadOnlyList<StreamEvent> Events, long LastRead, bool More)> ReadAsync(
        string clientId, long after, long upTo, int limit, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var stream = ClientEventStore.StreamId(clientId);
        var page = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == stream && e.Version > after && e.Version <= upTo)
            .OrderBy(e => e.Version)
            .Take(limit)
            .ToListAsync(ct);
        // Retention leaves one compacted snapshot in place of the expired events: it is no event of the feed.
        StreamEvent[] events = [.. page.Where(e => e.Data is ClientFeedEvent).Select(e => (e.Version, (ClientFeedEvent)e.Data))
            .Select(e => new StreamEvent(e.Version, e.Item2.Type, e.Item2.Data))];
        return (events, page.Count > 0 ? page[^1].Version : after, page.Count == limit);
    }

    /// <summary>The last id of each client's feed that has one.</summary>
    public async Task<Dictionary<string, long>> LastIdsAsync(IReadOnlyCollection<string> clients, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var query = session.CreateBatchQuery();
        var states = clients.Select(c => (Client: c, State: query.Events.FetchStreamState(ClientEventStore.StreamId(c)))).ToList();
        await query.Execute(ct);
        var last = new Dictionary<string, long>(clients.Count, StringComparer.Ordinal);
        foreach (var (client, state) in states)
        {
            if (await state is { } found)
            {
                last[client] = found.Version;
            }
        }

        return last;
    }

    private async Task<StreamEvent?[]> TryAppendAsync(IReadOnlyList<PendingClientEvent> batch, string origin, bool reread, CancellationToken ct)
    {
        var open = await claims.OpenAsync(batch, reread, ct);
        await using var session = store.LightweightSession();
        var events = new IEvent?[batch.Count];
        var ended = new List<EvaluationTicket>();
        // Grouped by client in one order, so two writers with overlapping clients lock the stream rows in the same order.
        var byClient = Enumerable.Range(0, batch.Count).GroupBy(i => batch[i].ClientId, StringComparer.Ordinal);
        foreach (var group in byClient.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var client = group.Key;
            var stream = ClientEventStore.StreamId(client);
            var any = false;
            foreach (var i in group)
            {
                var pending = batch[i];
                var appended = session.Events.BuildEvent(new ClientFeedEvent(pending.Type, pending.Data));
                if (pending.Closes is { } claim)
                {
                    if (EvaluationClaims.Claimed(open, pending) is not { } ticket)
                    {
                        if (!open.ContainsKey(claim.EvaluationId))
                        {
                            // Ended before (its ticket is gone): this replica need not keep it any longer.
                            claims.Forget([claim.EvaluationId]);
                        }

                        continue;
                    }

                    open.Remove(claim.EvaluationId);
                    // The event that ends an evaluation carries its id: the store's unique index on event ids refuses a second.
                    appended.Id = claim.EvaluationId;
                    ended.Add(ticket);
                }

                // No expected version: the store numbers the events as it appends them.
                session.Events.Append(stream, appended);
                events[i] = appended;
                any = true;
            }

            if (any)
            {
                QueueWakeUp(session, origin, client);
            }
        }

        foreach (var ticket in ended.OrderBy(t => t.Id))
        {
            session.Delete(ticket);
        }

        await session.SaveChangesAsync(ct);
        claims.Forget(ended.Select(t => t.Id));
        return [.. events.Select((e, i) => e is null ? null : new StreamEvent(e.Version, batch[i].Type, batch[i].Data))];
    }

    /// <summary>
    /// A client's <c>NOTIFY</c>, queued in the transaction: a statement that returns no rows, as Marten's batch
    /// expects of queued SQL, and so it takes its payload as a literal, not a parameter. Client ids are plain names
    /// (<c>ClientDirectory</c>'s pattern); one that is not is left to the other replicas' poll.
    /// </summary>
    private void QueueWakeUp(IDocumentSession session, string origin, string client)
    {
        var payload = $"{origin} {client}";
        if (payload.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '@' or '-'))
        {
            session.QueueSqlCommand($"NOTIFY {Channel}, '{payload}'");
        }
        else
        {
            logger.LogWarning("Not waking other replicas for client {ClientId}: its id is no plain name; their poll finds its events", client);
        }
    }
}
