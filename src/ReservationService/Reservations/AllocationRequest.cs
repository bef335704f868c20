namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// A validated reservation request: <see cref="Amount"/> boards, or exactly <see cref="Serials"/>; queue up to <see cref="Wait"/> for them;
/// end early when no keepalive arrives for <see cref="KeepAlive"/> (when given). <see cref="IdempotencyId"/> names the stored answer its
/// grant writes (a request with an <c>Idempotency-Key</c>).
/// </summary>
internal sealed record AllocationRequest(
    string ClientId,
    string Kind,
    int Amount,
    IReadOnlyList<string>? Serials,
    IReadOnlyDictionary<string, string> Args,
    TimeSpan Duration,
    TimeSpan Wait = default,
    TimeSpan? KeepAlive = null,
    string? IdempotencyId = null)
{
    /// <summary>Served from the queue, whose server already decided the order: the allocator does not check the line again.</summary>
    public bool Queued { get; init; }

    /// <summary>The client's priority: a request that has not queued may not overtake a protected waiter at or above it.</summary>
    public int Priority { get; init; }

    /// <summary>Replace a board that fails with a healthy one of the same kind (never for named boards).</summary>
    public bool ReplaceFailed { get; init; } = true;
}
