using Marten;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// The open evaluations as the store has them, across replicas: a ticket is written by the replica that took the upload
/// and deleted by whichever replica stores the event that ends it.
/// </summary>
internal sealed class EvaluationTickets(IDocumentStore store)
{
    /// <summary>The open evaluations of a reservation, or of one of its boards.</summary>
    public async Task<IReadOnlyList<EvaluationTicket>> OfReservationAsync(Guid reservationId, string? serial, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var query = session.Query<EvaluationTicket>().Where(t => t.ReservationId == reservationId);
        if (serial is not null)
        {
            query = query.Where(t => t.Serial == serial);
        }

        return await query.OrderBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>The open evaluations on a board, whatever reservation they belong to.</summary>
    public async Task<IReadOnlyList<EvaluationTicket>> OnBoardAsync(string serial, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<EvaluationTicket>().Where(t => t.Serial == serial).OrderBy(t => t.Id).ToListAsync(ct);
    }

    public async Task<EvaluationTicket?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<EvaluationTicket>(id, ct);
    }
}
