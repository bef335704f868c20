namespace IceFarm.Contracts.Http;

/// <summary>A reserve request waiting in the farm-wide line (<c>GET /api/v1/queue</c>, <c>GET /api/admin/queue</c>).</summary>
/// <param name="Id">The request's id.</param>
/// <param name="ClientId">Who asked.</param>
/// <param name="Kind">The kind asked for.</param>
/// <param name="Amount">How many boards (all or nothing).</param>
/// <param name="Position">1-based place in the line: 1 is served next.</param>
/// <param name="Waiting">How many requests wait in all.</param>
/// <param name="Priority">The client's priority when it queued.</param>
/// <param name="EffectivePriority">Its priority now, raised by waiting (docs/scheduling.md).</param>
/// <param name="Protected">True once it has waited the backfill window: nobody behind it is served before it.</param>
/// <param name="EnqueuedAt">When it joined the line.</param>
/// <param name="WaitUntil">When its client stops waiting.</param>
public sealed record QueuedRequestInfo(
    Guid Id, string ClientId, string Kind, int Amount, int Position, int Waiting, int Priority, int EffectivePriority, bool Protected,
    DateTimeOffset EnqueuedAt, DateTimeOffset WaitUntil);
