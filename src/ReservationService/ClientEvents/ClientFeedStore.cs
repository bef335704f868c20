using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Hosting;
using JasperFx.Events;
using Marten;
using Polly;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// The client feeds in Marten: each client's events are the stream <c>client-{id}</c>, and an event's version there is
/// its id. A batch is appended in one <c>SaveChanges</c> holding its clients' stream rows, so two writers of one client
/// (two replicas) take turns: the second reads what the first wrote before it decides.
/// </summary>
internal sealed class ClientFeedStore(IDocumentStore store, ILogger<ClientFeedStore> logger)
{
    private static readonly ResiliencePipeline Conflicts = StreamConflicts.Retry(StreamConflicts.MaxAttempts);

    /// <summary>
    /// Appends <paramref name="batch"/> (in that order per client) and deletes the tickets of the evaluations it ends, in
    /// one transaction. An event that ends an evaluation is appended only with the deletion of its ticket, and only of a
    /// ticket of that client, board and worker (a worker's message cannot end another client's evaluation or one sent to
    /// another worker); one whose ticket is gone (the evaluation ended before, on any replica) is left out. That holds
    /// between replicas because every ending appends to the ticket's client stream, whose row this write holds while it
    /// reads the tickets and until it commits.
    /// Returns the appended events in the order of <paramref name="batch"/>, null for each one left out.
    /// </summary>
    /// <remarks>
    /// The same transaction wakes the other replicas' streams of these clients: <c>NOTIFY</c> on
    /// <see cref="Channel"/> with <c>{origin} {last id} {client}</c>, which PostgreSQL delivers only if it commits. It is
    /// only a wake-up: they read the events from the store.
    /// </remarks>
    public async Task<StreamEvent?[]> AppendAsync(IReadOnlyList<PendingClientEvent> batch, string origin, CancellationToken ct) =>
        await Conflicts.ExecuteAsync(static async (state, token) => await state.Store.TryAppendAsync(state.Batch, state.Origin, token),
            (Store: this, Batch: batch, Origin: origin), ct);

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

    private async Task<StreamEvent?[]> TryAppendAsync(IReadOnlyList<PendingClientEvent> batch, string origin, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var query = session.CreateBatchQuery();
        // Each client's stream row is locked until the commit, in one order (two writers with overlapping clients never
        // deadlock), before the tickets are read: a second writer of the same client waits, then reads what the first wrote.
        var feeds = new Dictionary<string, Task<IEventStream<ClientFeedHistory>>>(StringComparer.Ordinal);
        foreach (var client in batch.Select(p => p.ClientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            feeds[client] = query.Events.FetchForExclusiveWriting<ClientFeedHistory>(ClientEventStore.StreamId(client));
        }

        Guid[] ending = [.. batch.Where(p => p.Closes is not null).Select(p => p.Closes!.EvaluationId).Distinct()];
        var tickets = ending.Length == 0 ? null : query.LoadMany<EvaluationTicket>().ById(ending);
        await query.Execute(ct);

        var open = tickets is null ? [] : (await tickets).ToDictionary(t => t.Id);
        var appended = new StreamEvent?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (pending.Closes is { } claim)
            {
                if (!open.TryGetValue(claim.EvaluationId, out var ticket) || !claim.Matches(ticket, pending.ClientId))
                {
                    continue;
                }

                open.Remove(claim.EvaluationId);
                session.Delete(ticket);
            }

            var feed = await feeds[pending.ClientId];
            feed.AppendOne(new ClientFeedEvent(pending.Type, pending.Data));
            appended[i] = new StreamEvent(LastId(feed), pending.Type, pending.Data);
        }

        foreach (var (client, pending) in feeds)
        {
            if (await pending is { Events.Count: > 0 } feed)
            {
                QueueWakeUp(session, origin, client, LastId(feed));
            }
        }

        await session.SaveChangesAsync(ct);
        return appended;
    }

    /// <summary>
    /// A client's <c>NOTIFY</c>, queued in the transaction: a statement that returns no rows, as Marten's batch
    /// expects of queued SQL, and so it takes its payload as a literal, not a parameter. Client ids are plain names
    /// (<c>ClientDirectory</c>'s pattern); one that is not is left to the other replicas' poll.
    /// </summary>
    private void QueueWakeUp(IDocumentSession session, string origin, string client, long lastId)
    {
        var payload = $"{origin} {lastId} {client}";
        if (payload.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '@' or '-'))
        {
            session.QueueSqlCommand($"NOTIFY {Channel}, '{payload}'");
        }
        else
        {
            logger.LogWarning("Not waking other replicas for client {ClientId}: its id is no plain name; their poll finds its events", client);
        }
    }

    /// <summary>The id of the last event appended to <paramref name="feed"/> in this session.</summary>
    private static long LastId(IEventStream<ClientFeedHistory> feed) => (feed.StartingVersion ?? 0) + feed.Events.Count;
}
