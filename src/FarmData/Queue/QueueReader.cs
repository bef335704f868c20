using IceFarm.Contracts.Http;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Queue;

/// <summary>The line as clients and operators see it: every waiting request with its place, in serving order.</summary>
internal sealed class QueueReader(IDocumentStore store, TimeProvider time, IOptions<QueueOptions> options)
{
    public async Task<QueuedRequestInfo[]> LineAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var waiting = await session.Query<QueuedRequest>().Where(r => r.State == QueueState.Waiting).ToListAsync(ct);
        var now = time.GetUtcNow();
        var ordered = QueuePolicy.Order(waiting, now, options.Value);
        return [.. ordered.Select((r, i) => new QueuedRequestInfo(
            r.Id, r.ClientId, r.Kind, r.Amount, i + 1, ordered.Count, r.Priority, QueuePolicy.EffectivePriority(r, now, options.Value),
            QueuePolicy.IsProtected(r, now, options.Value), r.EnqueuedAt, r.WaitUntil))];
    }
}
