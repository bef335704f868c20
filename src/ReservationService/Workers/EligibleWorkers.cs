using IceFarm.FarmData.Workers;
using Marten;

namespace IceFarm.ReservationService.Workers;

/// <summary>The workers a new reservation of a kind may land on: online, neither draining nor in maintenance, serving the kind.</summary>
internal static class EligibleWorkers
{
    public static async Task<List<WorkerView>> ForKindAsync(IQuerySession session, string kind, CancellationToken ct) =>
        // Maintenance is filtered here, not in SQL: a document written before the field existed lacks it.
        [.. (await session.Query<WorkerView>().Where(w => w.Online && !w.Draining).ToListAsync(ct)).Where(w => !w.Maintenance && w.Kinds.Contains(kind))];
}
