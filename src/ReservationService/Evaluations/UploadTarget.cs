using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using Marten;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// What an upload needs from the store, in one round trip that runs while the body arrives: the reservation, and how many
/// evaluations each of its boards still has open (the per-board bound is decided on what PostgreSQL holds, whichever
/// replica took the earlier uploads; no replica keeps a copy). The read is bounded by the bound itself.
/// </summary>
internal sealed record UploadTarget(ReservationView? Reservation, IReadOnlyDictionary<string, int> OpenPerBoard)
{
    public static async Task<UploadTarget> LoadAsync(Guid id, IQuerySession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var reservation = batch.Load<ReservationView>(StreamIds.Reservation(id));
        var open = batch.Query<EvaluationTicket>().Where(t => t.ReservationId == id).Select(t => t.Serial).ToList();
        await batch.Execute(ct);
        var perBoard = (await open).GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new UploadTarget(await reservation, perBoard);
    }

    /// <summary>Whether adding <paramref name="perBoard"/> evaluations to each board keeps every one within <paramref name="max"/>.</summary>
    public bool Fits(IEnumerable<string> serials, int perBoard, int max) =>
        serials.All(s => OpenPerBoard.GetValueOrDefault(s) + perBoard <= max);
}
