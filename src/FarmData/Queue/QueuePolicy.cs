namespace IceFarm.FarmData.Queue;

/// <summary>
/// The queue's order and its backfill rule, as pure functions (docs/scheduling.md). Order: effective priority (the
/// client's priority plus one per <see cref="QueueOptions.AgingStep"/> waited), then age. Backfill: a request may be
/// served before those ahead of it while none of them has waited <see cref="QueueOptions.BackfillWindow"/>; once one
/// has, it is "protected" and nobody behind it is served until it is.
/// </summary>
internal static class QueuePolicy
{
    public static int EffectivePriority(QueuedRequest request, DateTimeOffset now, QueueOptions options) =>
        request.Priority + (int)Math.Min(1_000, Math.Max(0, (now - request.EnqueuedAt) / options.AgingStep));

    public static bool IsProtected(QueuedRequest request, DateTimeOffset now, QueueOptions options) =>
        now - request.EnqueuedAt >= options.BackfillWindow;

    /// <summary>The waiting requests in the order they are served.</summary>
    public static List<QueuedRequest> Order(IEnumerable<QueuedRequest> waiting, DateTimeOffset now, QueueOptions options) =>
        [.. waiting.Where(r => r.State == QueueState.Waiting)
            .OrderByDescending(r => EffectivePriority(r, now, options))
            .ThenBy(r => r.EnqueuedAt)
            .ThenBy(r => r.Id)];

    /// <summary>
    /// Whether a request that has not queued (priority <paramref name="priority"/>) may take boards now: no waiting
    /// request at or above its priority is protected. Those ahead that are not protected may be overtaken (backfill).
    /// </summary>
    public static QueuedRequest? Blocker(IEnumerable<QueuedRequest> waiting, int priority, DateTimeOffset now, QueueOptions options) =>
        Order(waiting, now, options).FirstOrDefault(w => EffectivePriority(w, now, options) >= priority && IsProtected(w, now, options));

    /// <summary>1-based place of each waiting request in the line.</summary>
    public static Dictionary<Guid, int> Positions(IEnumerable<QueuedRequest> waiting, DateTimeOffset now, QueueOptions options) =>
        Order(waiting, now, options).Select((r, i) => (r.Id, Position: i + 1)).ToDictionary(p => p.Id, p => p.Position);
}
