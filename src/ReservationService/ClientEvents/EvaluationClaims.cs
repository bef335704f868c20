using IceFarm.ReservationService.Evaluations;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Checks the events that end evaluations against the evaluations' tickets. The store owns the tickets; this replica
/// keeps the fields of the tickets it stored itself (client, board, worker: they never change) for a while, so that a
/// result taken by the replica that took its upload needs no read before it is appended.
/// </summary>
/// <remarks>
/// A kept ticket may have ended meanwhile on another replica: the append then collides with that ending on the store's
/// unique index on event ids, and is retried with every ticket read from the store (<see cref="OpenAsync"/> with
/// <c>reread</c>). Exactly once never rests on what is kept here. A kept ticket leaves after half the feed's retention
/// at most, so the ending event it would collide with is still stored. See docs/reservation-service.md, "The writer".
/// </remarks>
internal sealed class EvaluationClaims : IDisposable
{
    private readonly IDocumentStore _store;
    private readonly MemoryCache _kept;
    private readonly TimeSpan _keepFor;
    private readonly bool _enabled;

    public EvaluationClaims(IDocumentStore store, TimeProvider time, IOptions<ClientEventOptions> options)
    {
        _store = store;
        _enabled = options.Value.KeptTickets > 0;
        _keepFor = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, options.Value.Retention.Ticks / 2));
        _kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.KeptTickets), Clock = new Clock(time) });
    }

    public void Dispose() => _kept.Dispose();

    /// <summary>Keeps the tickets this replica has just stored (after their commit).</summary>
    public void Remember(IEnumerable<EvaluationTicket> tickets)
    {
        if (!_enabled)
        {
            return;
        }

        foreach (var ticket in tickets)
        {
            _kept.Set(ticket.Id, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _keepFor });
        }
    }

    /// <summary>Lets go of the tickets of evaluations that ended.</summary>
    public void Forget(IEnumerable<Guid> evaluations)
    {
        foreach (var id in evaluations)
        {
            _kept.Remove(id);
        }
    }

    /// <summary>
    /// Finds the tickets of the evaluations <paramref name="batch"/> ends into <see cref="PendingClientEvent.Ticket"/>
    /// (at most one query), and splits it: the events to append (the plain ones, and the ending ones whose ticket is open
    /// and matches their claim), and the ending ones to leave out.
    /// </summary>
    public async Task<(List<PendingClientEvent> Kept, List<PendingClientEvent> Refused)> CheckAsync(
        IReadOnlyList<PendingClientEvent> batch, CancellationToken ct)
    {
        var open = await OpenAsync(batch, reread: false, ct);
        var kept = new List<PendingClientEvent>(batch.Count);
        var refused = new List<PendingClientEvent>();
        foreach (var pending in batch)
        {
            if (pending.Closes is not null)
            {
                if (Claimed(open, pending) is not { } ticket)
                {
                    refused.Add(pending);
                    continue;
                }

                pending.Ticket = ticket;
            }

            kept.Add(pending);
        }

        return (kept, refused);
    }

    /// <summary>The open ticket that <paramref name="pending"/>'s claim names, if it is that client's, board's and worker's.</summary>
    public static EvaluationTicket? Claimed(Dictionary<Guid, EvaluationTicket> open, PendingClientEvent pending) =>
        pending.Closes is { } claim && open.TryGetValue(claim.EvaluationId, out var ticket) && claim.Matches(ticket, pending.ClientId) ? ticket : null;

    /// <summary>
    /// The tickets of the evaluations the batch ends: those its publishers read (<see cref="PendingClientEvent.Ticket"/>),
    /// those this replica keeps, and the rest from the store in one query. <paramref name="reread"/> after a write lost to
    /// another ending of the same evaluation: every ticket is read from the store again, and the ones gone are left out.
    /// </summary>
    public async Task<Dictionary<Guid, EvaluationTicket>> OpenAsync(IReadOnlyList<PendingClientEvent> batch, bool reread, CancellationToken ct)
    {
        var open = new Dictionary<Guid, EvaluationTicket>();
        var unread = new HashSet<Guid>();
        foreach (var pending in batch)
        {
            if (pending.Closes is not { } claim)
            {
                continue;
            }

            if (!reread && (pending.Ticket is { } ticket && ticket.Id == claim.EvaluationId || _kept.TryGetValue(claim.EvaluationId, out ticket)))
            {
                open.TryAdd(ticket!.Id, ticket);
            }
            else
            {
                unread.Add(claim.EvaluationId);
            }
        }

        unread.ExceptWith(open.Keys);
        if (unread.Count > 0)
        {
            await using var session = _store.QuerySession();
            foreach (var ticket in await session.LoadManyAsync<EvaluationTicket>(ct, unread))
            {
                open[ticket.Id] = ticket;
            }
        }

        return open;
    }

    /// <summary>The cache's expiry reads the farm's clock.</summary>
    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
